/**
 * Français : les mots des horloges d'un signalement (rappels à l'équipe du mandat, admins
 * prévenus), avec les mêmes clés que flag-clock-en.ts ; fr.ts les reprend dans le catalogue.
 */
import type { flagClockEn } from './flag-clock-en';
import { cmd, s } from './text';

/** Why: the French words of a flag's reminders. */
export const flagClockFr: typeof flagClockEn = {
  'flag.reminder-title': (a) => `Le signalement ${a.ref} attend un accusé de réception`,
  'flag.reminder': (a, f) =>
    s`${a.who.length > 0 ? [...a.who, { text: ' : ' }] : []}${a.company} a envoyé ${a.ref} le ${f.moment(a.since)} et personne n’en a encore accusé réception. Accusez réception avec le bouton de sa carte, ou avec ${cmd('ack', a.ref)} ; l’entreprise en est informée aussitôt.`,
  'flag.delayed': () => [{ text: 'Une partie n’a pas encore pu être remise ; PreLetter réessaie, et l’équipe du mandat reçoit ses rappels comme d’habitude.' }],
  'flag.ack-told-admins': (a) => `${a.name} a accusé réception de ${a.ref} pour les administrateurs de PreLetter, qui le transmettront au mandat concerné.`,
  'flag.admins-title': () => 'administrateurs de PreLetter',
  'flag.escalation-title': (a) => `Le signalement ${a.ref} attend toujours un accusé de réception`,
  'flag.escalation': (a, f) =>
    `${a.company} a envoyé ${a.ref} le ${f.moment(a.since)} au mandat suivant : ${f.list(a.mandates)}. Personne n’en a accusé réception après deux rappels. Merci de voir avec l’équipe du mandat.`,
};
