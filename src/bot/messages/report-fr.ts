/**
 * Français : les mots du rapport (commande `report` et page HTML de `npm run report`), avec les
 * mêmes clés que report-en.ts ; fr.ts les reprend dans le catalogue.
 */
import type { Formats } from './format';
import type { FlagRowWords, reportEn, RowWords } from './report-en';
import { days, percent } from './report-numbers';

const flags = (n: number) => `${n} ${n === 1 ? 'signalement' : 'signalements'}`;
const flagInTime = (a: Pick<FlagRowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'aucun accusé de réception encore attendu' : `${a.inTime} sur ${a.due} (${percent(f, a.share ?? 0)})`;
const letters = (n: number) => `${n} ${n === 1 ? 'lettre' : 'lettres'}`;
const inTime = (a: Pick<RowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'aucune réponse encore attendue' : `${a.inTime} sur ${a.due} dans le délai (${percent(f, a.share ?? 0)})`;

/** Why: the French report words, checked against the English shape. */
export const reportFr: typeof reportEn = {
  'report.title': (a, f) => `Lettres et signalements, du ${f.day(a.first)} au ${f.day(a.last)}`,
  'report.scope': (a, f) => (a.mandates ? `${a.mandates.length === 1 ? 'Mandat' : 'Mandats'} : ${f.list(a.mandates)}.` : 'Tous les mandats.'),
  'report.row': (a, f) =>
    `${letters(a.previewed)} · réponses : ${inTime(a, f)} · délai médian en jours : accusé de réception ${days(f, a.ack)}, réponse ${days(f, a.reply)} · ${a.overdue} en retard à ce jour`,
  'report.flag-row': (a, f) =>
    a.raised === 0 && a.awaiting === 0
      ? flags(0)
      : `${flags(a.raised)} · réception accusée dans le délai : ${flagInTime(a, f)} · délai médian d’accusé de réception en jours : ${days(f, a.ack)} · ${a.awaiting} en attente à ce jour`,
  'report.total-label': () => 'Total',
  'report.overdue': (a) => `En retard à ce jour : ${a.refs.join(', ')}${a.more > 0 ? ` et ${a.more} autres` : ''}.`,
  'report.awaiting': (a) =>
    `Signalements toujours sans accusé de réception après l’alerte à l’administration de PreLetter : ${a.refs.join(', ')}${a.more > 0 ? ` et ${a.more} autres` : ''}.`,
  'report.none': () =>
    'Aucun aperçu de lettre n’a été présenté ni aucun signalement fait pendant cette période, et rien n’est en retard ou en attente à ce jour.',
  'report.more': (a) =>
    `${a.count} ${a.count === 1 ? 'autre ligne n’est pas affichée' : 'autres lignes ne sont pas affichées'} ici ; la personne qui administre PreLetter peut exporter le rapport complet.`,
  'report.footer': (a) =>
    `Les chiffres portent sur les lettres dont l’aperçu a été présenté pendant la période ; une réponse est dans le délai si elle est enregistrée dans le délai de ${a.window} jours. « En retard à ce jour » compte toutes les lettres, quelle que soit la date de leur aperçu. Les jours commencent à minuit, heure de ${a.zone}.`,
  'report.footer-flags': (a) =>
    `La réception d’un signalement est accusée dans le délai si elle l’est avant que l’administration de PreLetter soit alertée (${a.days} jours ouvrables après le signalement, ${a.hours} heures s’il est urgent) ; « en attente à ce jour » compte tous les signalements sans accusé de réception au-delà de ce moment, quelle que soit leur date. Un signalement compte pour chaque mandat auquel il a été adressé.`,
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
  'report.confidential': () => 'Confidentiel : chiffres, noms d’entreprises et références uniquement, jamais le texte d’une lettre ou d’un signalement.',
  'report.flags-title': () => 'Signalements des entreprises',
  'report.flags-by-company': () => 'Signalements par entreprise',
  'report.flags-by-mandate': () => 'Signalements par mandat',
  'report.col-flags': () => 'Signalements reçus',
  'report.col-flags-in-time': () => 'Réception accusée avant l’alerte à l’administration',
  'report.col-flag-ack': () => 'Délai médian d’accusé de réception d’un signalement (jours)',
  'report.col-awaiting': () => 'En attente d’accusé de réception à ce jour',
  'report.flag-in-time': (a, f) => flagInTime(a, f),
  'report.flags-chart': () => 'Signalements reçus pendant la période, par mandat : réception accusée dans le délai, en retard, ou pas encore',
  'report.flags-legend-in-time': () => 'accusé dans le délai',
  'report.flags-legend-late': () => 'accusé en retard',
  'report.flags-legend-missed': () => 'sans accusé, administration alertée',
  'report.flags-legend-open': () => 'sans accusé, encore dans le délai',
  'report.flags-all': () => 'Tous les signalements',
  'report.flags-none': () => 'Aucun signalement n’a été fait pendant cette période, et aucun n’attend d’accusé de réception à ce jour.',
  'report.meaning-flags': () =>
    'Signalements faits par les entreprises pendant la période. Un signalement compte pour chaque mandat auquel il a été adressé ; celui qu’aucun mandat ne couvrait (transmis à l’administration) compte seulement dans le total et pour son entreprise.',
  'report.meaning-flags-in-time': (a) =>
    `Parmi les signalements dont l’accusé de réception est échu (il a été fait, ou l’administration a été alertée), combien ont reçu un accusé de réception au plus tard au moment où l’administration de PreLetter est alertée : ${a.days} jours ouvrables après le signalement (comptés dans le fuseau horaire par défaut de PreLetter), ou ${a.hours} heures s’il est urgent.`,
  'report.meaning-flag-ack': () => 'La valeur du milieu, en jours, du signalement à l’accusé de réception, parmi les signalements qui en ont reçu un.',
  'report.meaning-awaiting': () => 'Signalements sans accusé de réception alors que l’administration a été alertée, quelle que soit leur date.',
};
