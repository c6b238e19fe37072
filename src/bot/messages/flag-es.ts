/**
 * Español: las palabras de los avisos (el formulario, la tarjeta que reciben los mandatos, el
 * acuse de recibo, su estado), con las mismas claves que flag-en.ts; es.ts las incorpora.
 */
import type { flagEn } from './flag-en';
import { cmd, s } from './text';

const FIELDS: Record<string, string> = {
  topics: 'Temas',
  summary: '¿Cuál es el problema?',
  mandate: 'Qué mandato (opcional)',
  urgent: 'Urgencia',
};

/** Why: the Spanish flag words, checked against the English shape. */
export const flagEs: typeof flagEn = {
  'flag.title': (a) => `${a.ref} · Aviso de ${a.company}`,
  'flag.topics': (a) => `Temas: ${a.topics}`,
  'flag.urgent': () => 'Marcado como urgente por la empresa.',
  'flag.footer': (a) => `Enviado por ${a.name}. Confidencial: solo para la empresa y los mandatos a los que se dirigió.`,
  'flag.acknowledged-by': (a, f) => `${a.name}, por el mandato: ${a.mandate}, ${f.moment(a.at)}`,
  'flag.ack-title': (a) => `Acuse de recibo del aviso ${a.ref}`,
  'flag.ack-done': (a) => `Gracias: se ha acusado recibo de ${a.ref}. Se informa a la empresa.`,
  'flag.ack-told': (a) => `${a.name} acusó recibo de ${a.ref} por el mandato: ${a.mandate}.`,
  'flag.ack-already': (a) => `${a.name} ya acusó recibo de ${a.ref}.`,
  'flag.ack-team-only': (a) => `Solo el equipo de un mandato al que se envió ${a.ref} puede acusar recibo.`,
  'flag.not-found': (a) => `No hay ningún aviso ${a.ref} que usted pueda ver. Compruebe la referencia.`,

  'flag.raised-title': (a) => `Aviso ${a.ref} enviado`,
  'flag.raised': (a) => s`${a.ref} se envió a ${a.to}. Le avisaré en privado cuando se acuse recibo; ${cmd('status')} también lo muestra.`,
  'flag.to-admins': (a) => `Ningún mandato cubre estos temas, así que ${a.ref} se envió a las personas que administran PreLetter, que lo harán llegar.`,
  'flag.company-only': () => 'Solo las personas que una empresa inscribe en el directorio pueden enviar un aviso en su nombre. Pida a la persona que administra PreLetter que le añada.',
  'flag.team-not-company': () =>
    s`Los avisos son la forma en que las personas de una empresa plantean un problema a los procedimientos especiales, así que solo pueden enviarlos las personas que una empresa inscribe. Como miembro de un equipo de mandato, puede presentar en su lugar el avance de una carta a una empresa con ${cmd('preview')}.`,
  'flag.which-company': () => 'Envíe el aviso desde el canal de su empresa, para que PreLetter sepa de qué empresa procede.',
  'flag.no-topic': () => 'Indique al menos un tema, para que el aviso llegue a los mandatos que lo cubren.',
  'flag.no-summary': (a) => `Escriba un breve resumen del problema, de ${a.max} caracteres como máximo.`,
  'flag.no-topics-offered': () =>
    'Ningún mandato del directorio indica todavía temas, así que el formulario de aviso no tiene nada que ofrecer y no se ha creado nada. Pida a la persona que administra PreLetter que añada temas a los mandatos.',

  'flag.form-title': () => 'Enviar un aviso',
  'flag.form-intro': (a) =>
    `Plantear un problema a los procedimientos especiales de la ONU en nombre de ${a.company}. El aviso llega a los mandatos que cubren los temas que elija y es confidencial: solo lo ven las personas de ${a.company} y los equipos de esos mandatos.`,
  'flag.field': (a) => FIELDS[a.field] ?? a.field,
  'flag.topics-hint': () => 'Determinan a qué mandatos llega el aviso.',
  'flag.summary-hint': (a) => `Un breve resumen del problema: ${a.max} caracteres como máximo.`,
  'flag.mandate-hint': () => 'Déjelo vacío para que decidan los temas. El mandato elegido solo recibe el aviso si cubre alguno de sus temas.',
  'flag.urgent-option': () => 'Urgente: los equipos de mandato reciben recordatorios antes',
  'flag.submit': () => 'Enviar el aviso',
  'flag.write-summary': () => 'Escriba un breve resumen del problema.',
  'flag.topic-not-offered': (a) => `«${a.topic}» ya no figura entre los temas que cubren los mandatos. Elija uno de la lista.`,
  'flag.too-many-topics': (a) => `Elija ${a.max} temas como máximo.`,
  'flag.mandate-not-offered': () => 'Ese mandato ya no figura en el directorio. Elija otro, o deje el campo vacío.',
  'flag.out-of-date': () => s`Este formulario de aviso ya no está vigente, así que no se ha creado nada. Escriba de nuevo ${cmd('flag')}.`,
  'flag.not-yours': () => s`Otra persona abrió este formulario de aviso, así que no se ha creado nada. Escriba ${cmd('flag')} para obtener el suyo.`,
  'flag.used': () => s`Este formulario de aviso ya se envió, así que no se ha creado nada nuevo. ${cmd('status')} muestra los avisos de su empresa.`,
  'flag.from-command': () => s`El formulario de aviso se abre con la orden: escriba ${cmd('flag')}.`,
  'flag.dialog-card': (a) =>
    `${a.name}, abra el formulario para enviar un aviso a los procedimientos especiales. Solo usted ve el formulario, y el aviso llega a los mandatos, no a este canal.`,

  'flag.count': (a) => `${a.count} aviso${a.count === 1 ? '' : 's'} a los procedimientos especiales, del más reciente al más antiguo.`,
  'flag.awaiting': () => 'Pendiente de acuse de recibo',
  'flag.acknowledged': (a, f) => `Recibo acusado por el mandato: ${a.mandate}, el ${f.moment(a.at)}`,
  'flag.to-admins-short': () => 'Las personas que administran PreLetter (ningún mandato cubre estos temas)',
  'label.raised': () => 'Enviado',
};
