/**
 * Français : les mots du rapport (commande `report` et page HTML de `npm run report`), avec les
 * mêmes clés que report-en.ts ; fr.ts les reprend dans le catalogue.
 */
import type { Formats } from './format';
import type { reportEn, RowWords } from './report-en';
import { days, percent } from './report-numbers';

const letters = (n: number) => `${n} ${n === 1 ? 'lettre' : 'lettres'}`;
const inTime = (a: Pick<RowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'aucune réponse encore attendue' : `${a.inTime} sur ${a.due} dans le délai (${percent(f, a.share ?? 0)})`;

/** Why: the French report words, checked against the English shape. */
export const reportFr: typeof reportEn = {
  'report.title': (a, f) => `Réponses aux lettres, du ${f.day(a.first)} au ${f.day(a.last)}`,
  'report.scope': (a, f) => (a.mandates ? `${a.mandates.length === 1 ? 'Mandat' : 'Mandats'} : ${f.list(a.mandates)}.` : 'Tous les mandats.'),
  'report.row': (a, f) =>
    `${letters(a.previewed)} · réponses : ${inTime(a, f)} · délai médian en jours : accusé de réception ${days(f, a.ack)}, réponse ${days(f, a.reply)} · ${a.overdue} en retard à ce jour`,
  'report.total-label': () => 'Ensemble de ces lettres',
  'report.overdue': (a) => `En retard à ce jour : ${a.refs.join(', ')}${a.more > 0 ? ` et ${a.more} autres` : ''}.`,
  'report.none': () => 'Aucun aperçu de lettre n’a été présenté pendant cette période, et aucune lettre n’est en retard à ce jour.',
  'report.more': (a) =>
    `${a.count} ${a.count === 1 ? 'autre ligne n’est pas affichée' : 'autres lignes ne sont pas affichées'} ici ; la personne qui administre PreLetter peut exporter le rapport complet.`,
  'report.footer': (a) =>
    `Les chiffres portent sur les lettres dont l’aperçu a été présenté pendant la période ; une réponse est dans le délai si elle est enregistrée dans le délai de ${a.window} jours. « En retard à ce jour » compte toutes les lettres, quelle que soit la date de leur aperçu. Les jours commencent à minuit, heure de ${a.zone}.`,
  'report.not-allowed': () =>
    'Les rapports sont réservés aux équipes de mandat, pour leurs propres mandats, et à l’administration de PreLetter. Si vous appuyez un mandat, demandez à la personne qui administre PreLetter de vous ajouter à son équipe.',
  'command.period-invalid': (a) =>
    `« ${a.typed} » n’est pas une période : indiquez une année (2025), un mois (2026-03), ou un premier et un dernier jour (2026-01-01 2026-03-31).`,

  'report.by-company': () => 'Par entreprise',
  'report.by-mandate': () => 'Par mandat',
  'report.col-mandate': () => 'Mandat',
  'report.col-letters': () => 'Aperçus de lettres présentés',
  'report.col-in-time': (a) => `Réponses dans les ${a.window} jours`,
  'report.col-ack': () => 'Délai médian d’accusé de réception (jours)',
  'report.col-reply': () => 'Délai médian de réponse (jours)',
  'report.col-overdue': () => 'En retard à ce jour',
  'report.in-time': (a, f) => (a.due === 0 ? 'aucune réponse encore attendue' : `${a.inTime} sur ${a.due} (${percent(f, a.share ?? 0)})`),
  'report.chart': (a) => `Part des réponses reçues dans le délai de ${a.window} jours, par entreprise`,
  'report.chart-reply': (a) => `Délai médian entre la lettre officielle et la réponse, en jours, par entreprise (la ligne pointillée marque ${a.window} jours)`,
  'report.made': (a, f) => `Établi le ${f.moment(a.at)}.`,
  'report.meaning-title': () => 'Ce que disent les chiffres',
  'report.meaning-letters': () => 'Aperçus ouverts pendant la période, y compris ceux retirés par la suite.',
  'report.meaning-in-time': (a) =>
    `Parmi les lettres dont la lettre officielle a été envoyée et dont la réponse est échue (elle a été enregistrée, ou l’échéance est passée ; les lettres retirées ne sont pas comptées), combien de réponses ont été enregistrées avant la fin du dernier jour du délai (${a.window} jours après la lettre officielle, dans le fuseau horaire du mandat).`,
  'report.meaning-medians-term': () => 'Délais médians d’accusé de réception et de réponse (jours)',
  'report.meaning-medians': () =>
    'La valeur du milieu, en jours, de l’aperçu à l’accusé de réception et de la lettre officielle à la réponse, parmi les lettres qui ont reçu un accusé de réception ou une réponse.',
  'report.meaning-overdue': () => 'Lettres dont l’échéance de réponse est passée sans réponse, quelle que soit la date de leur aperçu.',
  'report.confidential': () => 'Confidentiel : chiffres, noms d’entreprises et références de lettres uniquement, jamais le texte d’une lettre.',
};
