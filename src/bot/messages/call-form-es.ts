/**
 * Español: las palabras del formulario de convocatoria de aportes (ventana de Slack, tarjeta
 * y cuadro de diálogo de Teams) y del estado de una convocatoria, con las mismas claves que
 * call-form-en.ts; es.ts las incluye en el catálogo.
 */
import type { callFormEn } from './call-form-en';
import { cmd, s } from './text';

const FIELDS: Record<string, string> = {
  mandate: 'Qué mandato',
  title: 'Título',
  link: 'Enlace a la convocatoria',
  topics: 'Temas',
  deadline: 'Aportes hasta el',
};

/** Why: the Spanish call form words, checked against the English shape. */
export const callFormEs: typeof callFormEn = {
  'call.form-title': () => 'Convocatoria de aportes',
  'call.form-intro': () =>
    'Publicar una convocatoria de aportes. Llega a cada empresa cuyas rutas cubren uno de sus temas; cada empresa responde en su propia tarjeta, y solo su equipo ve la tabla de respuestas.',
  'call.field': (a) => FIELDS[a.field] ?? `campo ${a.field}`,
  'call.mandate-hint': () => 'Usted forma parte de varios equipos de mandato: elija el que publica la convocatoria.',
  'call.title-hint': (a) => `De qué trata la convocatoria, tal como la leerán las empresas: ${a.max} caracteres como máximo.`,
  'call.link-hint': () => 'La dirección donde se publica la convocatoria, que empieza por https://.',
  'call.topics-hint': () => 'La convocatoria llega a cada empresa con una ruta sobre uno de estos temas, que deben ser temas del mandato que la publica.',
  'call.deadline-hint': (a, f) => `Un día del ${f.day(a.first)} al ${f.day(a.last)}; los aportes cuentan hasta el final de ese día.`,
  'call.submit': () => 'Publicar',
  'call.out-of-date': () => s`Este formulario de convocatoria ya no está al día, así que no se publicó nada. Vuelva a ejecutar ${cmd('call')}.`,
  'call.not-yours': () => s`Este formulario de convocatoria lo abrió otra persona, así que no se publicó nada. Escriba ${cmd('call')} para obtener el suyo.`,
  'call.used': () => 'Este formulario de convocatoria ya se envió, así que no se publicó nada nuevo.',
  'call.from-command': () => s`El formulario de convocatoria se abre con el comando: escriba ${cmd('call')}.`,
  'call.dialog-card': (a) =>
    `${a.name}, abra el formulario para publicar una convocatoria de aportes. Solo usted ve el formulario; la convocatoria llega a las empresas, no a este canal.`,
};
