/**
 * Español: las palabras del informe (orden `report` y página HTML de `npm run report`), con las
 * mismas claves que report-en.ts; es.ts las incorpora al catálogo.
 */
import type { Formats } from './format';
import type { reportEn, RowWords } from './report-en';
import { days, percent } from './report-numbers';

const letters = (n: number) => `${n} ${n === 1 ? 'carta' : 'cartas'}`;
const inTime = (a: Pick<RowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'todavía no vence ninguna respuesta' : `${a.inTime} de ${a.due} dentro del plazo (${percent(f, a.share ?? 0)})`;

/** Why: the Spanish report words, checked against the English shape. */
export const reportEs: typeof reportEn = {
  'report.title': (a, f) => `Respuestas a las cartas, del ${f.day(a.first)} al ${f.day(a.last)}`,
  'report.scope': (a, f) => (a.mandates ? `${a.mandates.length === 1 ? 'Mandato' : 'Mandatos'}: ${f.list(a.mandates)}.` : 'Todos los mandatos.'),
  'report.row': (a, f) =>
    `${letters(a.previewed)} · respuestas: ${inTime(a, f)} · mediana en días: acuse de recibo ${days(f, a.ack)}, respuesta ${days(f, a.reply)} · ${a.overdue} con retraso a día de hoy`,
  'report.total-label': () => 'Todas estas cartas',
  'report.overdue': (a) => `Con retraso a día de hoy: ${a.refs.join(', ')}${a.more > 0 ? ` y ${a.more} más` : ''}.`,
  'report.none': () => 'No se presentó ningún avance de carta en este período, y ninguna carta tiene retraso a día de hoy.',
  'report.more': (a) =>
    `${a.count} ${a.count === 1 ? 'fila más no se muestra' : 'filas más no se muestran'} aquí; la persona que administra PreLetter puede exportar el informe completo.`,
  'report.footer': (a) =>
    `Las cifras se refieren a las cartas cuyo avance se presentó en el período; una respuesta está dentro del plazo si se registra dentro del plazo de ${a.window} días. «Con retraso a día de hoy» cuenta todas las cartas, sea cual sea la fecha de su avance. Los días empiezan a medianoche, hora de ${a.zone}.`,
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
  'report.confidential': () => 'Confidencial: solo cifras, nombres de empresas y referencias de cartas, nunca el texto de una carta.',
};
