/**
 * Español: las palabras de los relojes de un aviso (recordatorios al equipo del mandato,
 * administradores avisados), con las mismas claves que flag-clock-en.ts; es.ts las incluye.
 */
import type { flagClockEn } from './flag-clock-en';
import { cmd, s } from './text';

/** Why: the Spanish words of a flag's reminders. */
export const flagClockEs: typeof flagClockEn = {
  'flag.reminder-title': (a) => `El aviso ${a.ref} espera acuse de recibo`,
  'flag.reminder': (a, f) =>
    s`${a.who.length > 0 ? [...a.who, { text: ': ' }] : []}${a.company} envió ${a.ref} el ${f.moment(a.since)} y nadie ha acusado recibo todavía. Acuse recibo con el botón de su tarjeta, o con ${cmd('ack', a.ref)}; la empresa recibe el aviso enseguida.`,
  'flag.delayed': () => [{ text: "Una parte aún no se pudo entregar; PreLetter sigue intentándolo, y el equipo del mandato recibe sus recordatorios como siempre." }],
  'flag.ack-told-admins': (a) => `${a.name} acusó recibo de ${a.ref} por los administradores de PreLetter, que lo remitirán al mandato correspondiente.`,
  'flag.admins-title': () => 'administradores de PreLetter',
  'flag.escalation-title': (a) => `El aviso ${a.ref} sigue sin acuse de recibo`,
  'flag.escalation': (a, f) =>
    `${a.company} envió ${a.ref} el ${f.moment(a.since)} al mandato: ${f.list(a.mandates)}. Nadie ha acusado recibo tras dos recordatorios. Por favor, consulte con el equipo del mandato.`,
};
