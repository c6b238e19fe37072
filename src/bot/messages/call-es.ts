/**
 * Español: las palabras de las convocatorias de contribuciones (publicación, tarjeta de la
 * empresa y su respuesta, tabla de respuestas para el equipo del mandato, recordatorios),
 * con las mismas claves que call-en.ts; es.ts las incorpora al catálogo.
 */
import type { CallAnswer } from '../../domain/call';
import type { callEn } from './call-en';

const ANSWERS: Record<CallAnswer, string> = { contribute: 'Contribuiremos', submitted: 'Contribución enviada', declined: 'No nos concierne' };
const companies = (n: number) => `${n} ${n === 1 ? 'empresa' : 'empresas'}`;

function left(days: number): string {
  if (days > 1) return `quedan ${days} días`;
  if (days === 1) return 'queda 1 día';
  return days === 0 ? 'vence hoy' : 'plazo vencido';
}

/** Why: the Spanish call words, checked against the English shape. */
export const callEs: typeof callEn = {
  'call.title': (a) => `${a.ref} · Convocatoria de contribuciones: ${a.title}`,
  'call.from': (a) => `El mandato «${a.mandate}» invita a su empresa a contribuir.`,
  'call.link': (a) => `Leer la convocatoria: ${a.link}`,
  'call.label-deadline': () => 'Contribuciones hasta',
  'call.label-answer': () => 'Su respuesta',
  'call.due': (a, f) => `${f.moment(a.at)} (${left(a.days)})`,
  'call.answer': (a) => ANSWERS[a.answer],
  'call.answer-by': (a, f) => `${ANSWERS[a.answer]} (${a.name}, ${f.moment(a.at)})`,
  'call.no-answer': () => 'Sin respuesta todavía',
  'call.closed-note': (a, f) => `El equipo del mandato cerró esta convocatoria el ${f.moment(a.at)}; ya no se necesita respuesta.`,
  'call.footer': (a, f) => `Publicada por ${a.name}, ${f.moment(a.at)}. Su respuesta solo la ven su empresa y el equipo del mandato.`,
  'call.button-contribute': () => 'Contribuiremos',
  'call.button-submitted': () => 'Contribución enviada',
  'call.button-declined': () => 'No nos concierne',

  'call.not-team': () =>
    'Solo los miembros de un equipo de mandato pueden publicar convocatorias de contribuciones. Si usted apoya un mandato, pida a quien administra PreLetter que le añada a su equipo.',
  'call.not-your-mandate': () => 'No forma parte del equipo del mandato elegido, así que no se publicó nada. Elija uno de sus propios mandatos.',
  'call.which-mandate': () => 'Mandato: forma parte de varios equipos de mandato; elija el mandato que publica esta convocatoria.',
  'call.no-topics': () =>
    'Sus mandatos no tienen temas registrados, así que la convocatoria no llegaría a nadie. Pida a quien administra PreLetter que añada temas al directorio.',
  'call.title-invalid': (a) => `Título: escriba un título de ${a.max} caracteres como máximo. No se publicó nada.`,
  'call.link-invalid': () => 'Enlace: indique la dirección de la convocatoria publicada, que empiece por https://. No se publicó nada.',
  'call.topics-invalid': (a) =>
    `Temas: elija al menos uno de los temas del mandato «${a.mandate}».${a.unknown === undefined ? '' : ` «${a.unknown}» no es uno de ellos.`} No se publicó nada.`,
  'call.deadline-invalid': (a) => `Plazo: elija un día entre mañana y dentro de ${a.days} días. No se publicó nada.`,
  'call.no-companies': () =>
    'Temas: ninguna empresa del directorio tiene una ruta para estos temas, así que la convocatoria no llegaría a nadie. No se publicó nada.',
  'call.published-title': (a) => `Convocatoria de contribuciones ${a.ref} publicada`,
  'call.published': (a, f) => `${a.ref} se envió a ${companies(a.count)}: ${f.list(a.names)}. Las respuestas se esperan hasta el ${f.moment(a.deadline)}.`,
  'call.published-direct': (a, f) =>
    `PreLetter no tiene canal con ${f.list(a.names)}, así que las personas responsables de estos temas allí la recibieron por mensaje directo.`,
  'call.not-delivered': (a, f) =>
    `Todavía no he podido entregarla a ${f.list(a.names)}. Avise a quien administra PreLetter, que puede revisar su canal y sus contactos.`,

  'call.not-found': (a) => `No hay ninguna convocatoria de contribuciones ${a.ref} que usted pueda ver. Compruebe la referencia.`,
  'call.company-only': (a) =>
    `Solo las personas de una empresa a la que se envió ${a.ref} pueden responderla, en nombre de su propia empresa. Si le corresponde, pida a quien administra PreLetter que actualice el directorio.`,
  'call.which-company': (a) =>
    `${a.ref} se envió a varias de las empresas con las que usted trabaja: responda en la tarjeta del canal de la empresa en cuyo nombre responde.`,
  'call.closed': (a, f) => `El equipo del mandato cerró ${a.ref} el ${f.moment(a.at)}, así que ya no admite respuestas.`,
  'call.answered-title': (a) => `Respuesta registrada para ${a.ref}`,
  'call.answered': (a) => `Registrado para ${a.company}: «${ANSWERS[a.answer]}». El equipo del mandato de ${a.ref} puede verlo.`,
  'call.already': (a, f) => `La respuesta de ${a.company} a ${a.ref} ya es «${ANSWERS[a.answer]}», dada por ${a.name} el ${f.moment(a.at)}.`,
  'call.answer-note': (a) => `${a.company}: «${ANSWERS[a.answer]}» (${a.name}).`,
  'call.card-behind': () => 'Queda registrado, pero no pude actualizar todas las copias de la tarjeta de la convocatoria; lo mostrarán con el próximo cambio.',

  'call.answers-title': (a) => `Respuestas a ${a.ref}: ${a.title}`,
  'call.answers-summary': (a, f) => `Respondieron ${a.answered} de ${companies(a.count)}. Las contribuciones se esperan hasta el ${f.moment(a.deadline)}.`,
  'call.answers-more': (a) => `${a.count} ${a.count === 1 ? 'empresa más no se muestra' : 'empresas más no se muestran'} aquí.`,
  'call.answers-footer': () => 'Solo lo ve el equipo del mandato: cada empresa ve únicamente su propia respuesta.',

  'call.reminder-title': (a) => (a.days > 0 ? `${a.ref}: ${left(a.days)} para enviar su contribución` : `${a.ref}: las contribuciones vencen hoy`),
  'call.reminder': (a, f) =>
    `La convocatoria de contribuciones espera la respuesta de ${a.company}; las contribuciones se esperan hasta el ${f.moment(a.deadline)}. Responda en la tarjeta: contribuiremos, contribución enviada o no nos concierne.`,
};
