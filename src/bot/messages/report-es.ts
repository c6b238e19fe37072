/**
 * Español: las palabras del informe (orden `report` y página HTML de `npm run report`), con las
 * mismas claves que report-en.ts; es.ts las incorpora al catálogo.
 */
import type { Formats } from './format';
import type { CallRowWords, FlagRowWords, reportEn, RowWords } from './report-en';
import { days, percent } from './report-numbers';

const calls = (n: number) => `${n} ${n === 1 ? 'convocatoria' : 'convocatorias'} de contribuciones`;
const companies = (n: number) => `${n} ${n === 1 ? 'empresa' : 'empresas'}`;
const callInTime = (a: Pick<CallRowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'todavía no vence ninguna respuesta' : `${a.inTime} de ${a.due} (${percent(f, a.share ?? 0)})`;
const flags = (n: number) => `${n} ${n === 1 ? 'aviso' : 'avisos'}`;
const flagInTime = (a: Pick<FlagRowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'todavía no vence ningún acuse de recibo' : `${a.inTime} de ${a.due} (${percent(f, a.share ?? 0)})`;
const letters = (n: number) => `${n} ${n === 1 ? 'carta' : 'cartas'}`;
const inTime = (a: Pick<RowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'todavía no vence ninguna respuesta' : `${a.inTime} de ${a.due} dentro del plazo (${percent(f, a.share ?? 0)})`;

/** Why: the Spanish report words, checked against the English shape. */
export const reportEs: typeof reportEn = {
  'report.title': (a, f) => `Cartas, avisos y convocatorias de contribuciones, del ${f.day(a.first)} al ${f.day(a.last)}`,
  'report.scope': (a, f) => (a.mandates ? `${a.mandates.length === 1 ? 'Mandato' : 'Mandatos'}: ${f.list(a.mandates)}.` : 'Todos los mandatos.'),
  'report.row': (a, f) =>
    `${letters(a.previewed)} · respuestas: ${inTime(a, f)} · mediana en días: acuse de recibo ${days(f, a.ack)}, respuesta ${days(f, a.reply)} · ${a.overdue} con retraso a día de hoy`,
  'report.flag-row': (a, f) =>
    a.raised === 0 && a.awaiting === 0
      ? flags(0)
      : `${flags(a.raised)} · acuse de recibo a tiempo: ${flagInTime(a, f)} · mediana en días hasta el acuse de recibo: ${days(f, a.ack)} · ${a.awaiting} pendientes a día de hoy`,
  'report.call-row': (a, f) =>
    a.calls === 0 && a.unanswered === 0
      ? calls(0)
      : `${calls(a.calls)}${a.companies === undefined ? '' : ` a ${companies(a.companies)}`} · respuestas antes del vencimiento: ${callInTime(a, f)} · contribuciones enviadas: ${a.submitted}, declinadas: ${a.declined} · mediana en días hasta la respuesta: ${days(f, a.answer)} · ${a.unanswered} sin respuesta a día de hoy`,
  'report.total-label': () => 'Total',
  'report.overdue': (a) => `Con retraso a día de hoy: ${a.refs.join(', ')}${a.more > 0 ? ` y ${a.more} más` : ''}.`,
  'report.awaiting': (a) =>
    `Avisos aún sin acuse de recibo tras informar a la administración de PreLetter: ${a.refs.join(', ')}${a.more > 0 ? ` y ${a.more} más` : ''}.`,
  'report.unanswered': (a) =>
    `Convocatorias de contribuciones vencidas sin la respuesta de una empresa: ${a.refs.join(', ')}${a.more > 0 ? ` y ${a.more} más` : ''}.`,
  'report.none': () =>
    'No se presentó ningún avance de carta, no se envió ningún aviso ni se publicó ninguna convocatoria de contribuciones en este período, y nada tiene retraso, está pendiente o sin respuesta a día de hoy.',
  'report.more': (a) =>
    `${a.count} ${a.count === 1 ? 'fila más no se muestra' : 'filas más no se muestran'} aquí; la persona que administra PreLetter puede exportar el informe completo.`,
  'report.footer': (a) =>
    `Las cifras se refieren a las cartas cuyo avance se presentó en el período; una respuesta está dentro del plazo si se registra dentro del plazo de ${a.window} días. «Con retraso a día de hoy» cuenta todas las cartas, sea cual sea la fecha de su avance. Los días empiezan a medianoche, hora de ${a.zone}.`,
  'report.footer-flags': (a) =>
    `Un aviso recibe acuse de recibo a tiempo si se acusa antes de que se informe a la administración de PreLetter (${a.days} días hábiles después del aviso, ${a.hours} horas si es urgente); «pendientes a día de hoy» cuenta todos los avisos sin acuse de recibo pasado ese momento, sea cual sea su fecha. Un aviso cuenta para cada mandato al que se envió.`,
  'report.footer-calls': () =>
    'Una empresa responde a tiempo a una convocatoria de contribuciones si su primera respuesta llega a más tardar al final del día del vencimiento; «sin respuesta a día de hoy» cuenta todas las convocatorias aún abiertas y vencidas que una empresa no ha respondido, sea cual sea su fecha. Una convocatoria cuenta para su mandato y para cada empresa a la que se envió, con la sola respuesta de esa empresa.',
  'report.not-allowed': () =>
    'Los informes son para los equipos de mandato, sobre sus propios mandatos, y para quienes administran PreLetter. Si usted apoya un mandato, pida a la persona que administra PreLetter que le añada a su equipo.',
  'command.period-invalid': (a) =>
    `«${a.typed}» no es un período: indique un año (2025), un mes (2026-03), o un primer y un último día (2026-01-01 2026-03-31).`,

  'report.by-company': () => 'Por empresa',
  'report.by-mandate': () => 'Por mandato',
  'report.col-mandate': () => 'Mandato',
  'report.col-letters': () => 'Avances de carta presentados',
  'report.col-in-time': (a) => `Respuestas en ${a.window} días`,
  'report.col-ack': () => 'Mediana del plazo de acuse de recibo (días)',
  'report.col-reply': () => 'Mediana del plazo de respuesta (días)',
  'report.col-overdue': () => 'Con retraso a día de hoy',
  'report.in-time': (a, f) => (a.due === 0 ? 'todavía no vence ninguna respuesta' : `${a.inTime} de ${a.due} (${percent(f, a.share ?? 0)})`),
  'report.chart': (a) => `Proporción de respuestas dentro del plazo de ${a.window} días, por empresa`,
  'report.chart-reply': (a) => `Mediana del plazo entre la carta oficial y la respuesta, en días, por empresa (la línea discontinua marca ${a.window} días)`,
  'report.made': (a, f) => `Elaborado el ${f.moment(a.at)}.`,
  'report.meaning-title': () => 'Qué significan las cifras',
  'report.meaning-letters': () => 'Avances abiertos en el período, incluidos los retirados después.',
  'report.meaning-in-time': (a) =>
    `De las cartas cuya carta oficial se envió y cuya respuesta ya venció (se registró, o el plazo terminó; las cartas retiradas no se cuentan), cuántas respuestas se registraron antes del final del último día del plazo (${a.window} días después de la carta oficial, en el huso horario del mandato).`,
  'report.meaning-medians-term': () => 'Medianas de los plazos de acuse de recibo y de respuesta (días)',
  'report.meaning-medians': () =>
    'El valor central, en días, desde el avance hasta el acuse de recibo y desde la carta oficial hasta la respuesta, entre las cartas que recibieron acuse de recibo o respuesta.',
  'report.meaning-overdue': () => 'Cartas cuyo plazo de respuesta terminó sin respuesta, sea cual sea la fecha de su avance.',
  'report.confidential': () => 'Confidencial: solo cifras, nombres de empresas y referencias, nunca el texto de una carta, un aviso o una convocatoria.',
  'report.flags-title': () => 'Avisos de las empresas',
  'report.flags-by-company': () => 'Avisos por empresa',
  'report.flags-by-mandate': () => 'Avisos por mandato',
  'report.col-flags': () => 'Avisos recibidos',
  'report.col-flags-in-time': () => 'Acuse de recibo antes de informar a la administración',
  'report.col-flag-ack': () => 'Mediana de días hasta el acuse de recibo de un aviso',
  'report.col-awaiting': () => 'Pendientes de acuse de recibo a día de hoy',
  'report.flag-in-time': (a, f) => flagInTime(a, f),
  'report.flags-chart': () => 'Avisos recibidos en el período, por mandato: acuse de recibo a tiempo, tardío o todavía no',
  'report.flags-legend-in-time': () => 'acuse a tiempo',
  'report.flags-legend-late': () => 'acuse tardío',
  'report.flags-legend-missed': () => 'sin acuse, administración informada',
  'report.flags-legend-open': () => 'sin acuse, aún a tiempo',
  'report.flags-all': () => 'Todos los avisos',
  'report.flags-none': () => 'No se envió ningún aviso en este período, y ninguno espera acuse de recibo a día de hoy.',
  'report.meaning-flags': () =>
    'Avisos enviados por las empresas en el período. Un aviso cuenta para cada mandato al que se envió; el que ningún mandato cubría (enviado a la administración) cuenta solo en el total y para su empresa.',
  'report.meaning-flags-in-time': (a) =>
    `De los avisos cuyo acuse de recibo ya venció (se hizo, o ya se informó a la administración), cuántos recibieron acuse de recibo a más tardar cuando se informa a la administración de PreLetter: ${a.days} días hábiles después del aviso (contados en el huso horario por defecto de PreLetter), o ${a.hours} horas si es urgente.`,
  'report.meaning-flag-ack': () => 'El valor central, en días, desde el aviso hasta el acuse de recibo, entre los avisos que lo recibieron.',
  'report.meaning-awaiting': () => 'Avisos sin acuse de recibo aunque ya se informó a la administración, sea cual sea su fecha.',
  'report.calls-title': () => 'Convocatorias de contribuciones',
  'report.calls-by-company': () => 'Convocatorias de contribuciones por empresa',
  'report.calls-by-mandate': () => 'Convocatorias de contribuciones por mandato',
  'report.col-calls': () => 'Convocatorias de contribuciones',
  'report.calls-asked': (a) => `a ${companies(a.count)}`,
  'report.col-calls-asked': () => 'Empresas consultadas',
  'report.col-calls-in-time': () => 'Respuestas antes del vencimiento',
  'report.col-calls-contribute': () => 'Contribuirán',
  'report.col-calls-submitted': () => 'Contribuciones enviadas',
  'report.col-calls-declined': () => 'Declinadas',
  'report.col-call-answer': () => 'Mediana de días hasta la respuesta a una convocatoria',
  'report.col-unanswered': () => 'Sin respuesta a día de hoy',
  'report.call-in-time': (a, f) => callInTime(a, f),
  'report.calls-chart': () =>
    'Empresas consultadas por las convocatorias de contribuciones publicadas en el período, por mandato: respuesta a tiempo, tardía, ausente o todavía no vencida',
  'report.calls-legend-in-time': () => 'respuesta a tiempo',
  'report.calls-legend-late': () => 'respuesta tardía',
  'report.calls-legend-missed': () => 'sin respuesta al vencimiento',
  'report.calls-legend-open': () => 'sin respuesta, aún no vence',
  'report.calls-all': () => 'Todas las convocatorias',
  'report.calls-none': () => 'No se publicó ninguna convocatoria de contribuciones en este período, y ninguna espera respuesta a día de hoy.',
  'report.meaning-calls': () =>
    'Convocatorias de contribuciones publicadas en el período, y las empresas a las que se enviaron; para una empresa, las convocatorias que recibió. Una convocatoria cuenta para su mandato y para cada empresa a la que se envió, con la sola respuesta de esa empresa.',
  'report.meaning-calls-in-time': () =>
    'De las empresas cuya respuesta ya venció (respondieron, o el plazo terminó con la convocatoria abierta; una convocatoria cerrada antes del vencimiento ya no pide nada), cuántas dieron su primera respuesta (contribuirá, contribución enviada o declinada) antes del final del día del vencimiento, en el huso horario del mandato.',
  'report.meaning-calls-answers': () => 'Dónde están las empresas según su última respuesta: contribuirán, enviaron su contribución o declinaron.',
  'report.meaning-call-answer': () => 'El valor central, en días, desde la publicación de una convocatoria hasta la primera respuesta de una empresa, entre las empresas que respondieron.',
  'report.meaning-unanswered': () =>
    'Convocatorias aún abiertas y vencidas que una empresa no ha respondido, sea cual sea su fecha de publicación; las convocatorias cerradas no se cuentan.',
};
