/**
 * Français : les mots du rapport (commande `report` et page HTML de `npm run report`), avec les
 * mêmes clés que report-en.ts ; fr.ts les reprend dans le catalogue.
 */
import type { Formats } from './format';
import type { CallRowWords, FlagRowWords, reportEn, RowWords } from './report-en';
import { days, percent } from './report-numbers';

const calls = (n: number) => `${n} ${n === 1 ? 'appel' : 'appels'} à contributions`;
const companies = (n: number) => `${n} ${n === 1 ? 'entreprise' : 'entreprises'}`;
const callInTime = (a: Pick<CallRowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'aucune réponse encore attendue' : `${a.inTime} sur ${a.due} (${percent(f, a.share ?? 0)})`;
const flags = (n: number) => `${n} ${n === 1 ? 'signalement' : 'signalements'}`;
const flagInTime = (a: Pick<FlagRowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'aucun accusé de réception encore attendu' : `${a.inTime} sur ${a.due} (${percent(f, a.share ?? 0)})`;
const letters = (n: number) => `${n} ${n === 1 ? 'lettre' : 'lettres'}`;
const inTime = (a: Pick<RowWords, 'inTime' | 'due' | 'share'>, f: Formats) =>
  a.due === 0 ? 'aucune réponse encore attendue' : `${a.inTime} sur ${a.due} dans le délai (${percent(f, a.share ?? 0)})`;

/** Why: the French report words, checked against the English shape. */
export const reportFr: typeof reportEn = {
  'report.title': (a, f) => `Lettres, signalements et appels à contributions, du ${f.day(a.first)} au ${f.day(a.last)}`,
  'report.scope': (a, f) => (a.mandates ? `${a.mandates.length === 1 ? 'Mandat' : 'Mandats'} : ${f.list(a.mandates)}.` : 'Tous les mandats.'),
  'report.row': (a, f) =>
    `${letters(a.previewed)} · réponses : ${inTime(a, f)} · délai médian en jours : accusé de réception ${days(f, a.ack)}, réponse ${days(f, a.reply)} · ${a.overdue} en retard à ce jour`,
  'report.flag-row': (a, f) =>
    a.raised === 0 && a.awaiting === 0
      ? flags(0)
      : `${flags(a.raised)} · réception accusée dans le délai : ${flagInTime(a, f)} · délai médian d’accusé de réception en jours : ${days(f, a.ack)} · ${a.awaiting} en attente à ce jour`,
  'report.call-row': (a, f) =>
    a.calls === 0 && a.unanswered === 0
      ? calls(0)
      : `${calls(a.calls)}${a.companies === undefined ? '' : ` à ${companies(a.companies)}`} · réponses avant l’échéance : ${callInTime(a, f)} · contributions envoyées : ${a.submitted}, refus : ${a.declined} · délai médian de réponse en jours : ${days(f, a.answer)} · ${a.unanswered} sans réponse à ce jour`,
  'report.total-label': () => 'Total',
  'report.overdue': (a) => `En retard à ce jour : ${a.refs.join(', ')}${a.more > 0 ? ` et ${a.more} autres` : ''}.`,
  'report.awaiting': (a) =>
    `Signalements toujours sans accusé de réception après l’alerte à l’administration de PreLetter : ${a.refs.join(', ')}${a.more > 0 ? ` et ${a.more} autres` : ''}.`,
  'report.unanswered': (a) =>
    `Appels à contributions dont l’échéance est passée sans la réponse d’une entreprise : ${a.refs.join(', ')}${a.more > 0 ? ` et ${a.more} autres` : ''}.`,
  'report.none': () =>
    'Aucun aperçu de lettre n’a été présenté, aucun signalement fait ni aucun appel à contributions publié pendant cette période, et rien n’est en retard, en attente ou sans réponse à ce jour.',
  'report.more': (a) =>
    `${a.count} ${a.count === 1 ? 'autre ligne n’est pas affichée' : 'autres lignes ne sont pas affichées'} ici ; la personne qui administre PreLetter peut exporter le rapport complet.`,
  'report.footer': (a) =>
    `Les chiffres portent sur les lettres dont l’aperçu a été présenté pendant la période ; une réponse est dans le délai si elle est enregistrée dans le délai de ${a.window} jours. « En retard à ce jour » compte toutes les lettres, quelle que soit la date de leur aperçu. Les jours commencent à minuit, heure de ${a.zone}.`,
  'report.footer-flags': (a) =>
    `La réception d’un signalement est accusée dans le délai si elle l’est avant que l’administration de PreLetter soit alertée (${a.days} jours ouvrables après le signalement, ${a.hours} heures s’il est urgent) ; « en attente à ce jour » compte tous les signalements sans accusé de réception au-delà de ce moment, quelle que soit leur date. Un signalement compte pour chaque mandat auquel il a été adressé.`,
  'report.footer-calls': () =>
    'Une entreprise répond dans le délai à un appel à contributions si sa première réponse arrive au plus tard à la fin du jour de l’échéance ; « sans réponse à ce jour » compte tous les appels encore ouverts, échéance passée, auxquels une entreprise n’a pas répondu, quelle que soit leur date. Un appel compte pour son mandat et pour chaque entreprise à laquelle il a été adressé, avec la seule réponse de cette entreprise.',
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
  'report.confidential': () =>
    'Confidentiel : chiffres, noms d’entreprises et références uniquement, jamais le texte d’une lettre, d’un signalement ou d’un appel.',
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
  'report.calls-title': () => 'Appels à contributions',
  'report.calls-by-company': () => 'Appels à contributions par entreprise',
  'report.calls-by-mandate': () => 'Appels à contributions par mandat',
  'report.col-calls': () => 'Appels à contributions',
  'report.calls-asked': (a) => `à ${companies(a.count)}`,
  'report.col-calls-asked': () => 'Entreprises sollicitées',
  'report.col-calls-in-time': () => 'Réponses avant l’échéance',
  'report.col-calls-contribute': () => 'Contribueront',
  'report.col-calls-submitted': () => 'Contributions envoyées',
  'report.col-calls-declined': () => 'Refus',
  'report.col-call-answer': () => 'Délai médian de réponse à un appel (jours)',
  'report.col-unanswered': () => 'Sans réponse à ce jour',
  'report.call-in-time': (a, f) => callInTime(a, f),
  'report.calls-chart': () =>
    'Entreprises sollicitées par les appels à contributions publiés pendant la période, par mandat : réponse dans le délai, en retard, absente, ou pas encore attendue',
  'report.calls-legend-in-time': () => 'réponse dans le délai',
  'report.calls-legend-late': () => 'réponse en retard',
  'report.calls-legend-missed': () => 'sans réponse à l’échéance',
  'report.calls-legend-open': () => 'sans réponse, pas encore attendue',
  'report.calls-all': () => 'Tous les appels',
  'report.calls-none': () => 'Aucun appel à contributions n’a été publié pendant cette période, et aucun n’attend de réponse à ce jour.',
  'report.meaning-calls': () =>
    'Appels à contributions publiés pendant la période, et les entreprises auxquelles ils ont été adressés ; pour une entreprise, les appels qu’elle a reçus. Un appel compte pour son mandat et pour chaque entreprise à laquelle il a été adressé, avec la seule réponse de cette entreprise.',
  'report.meaning-calls-in-time': () =>
    'Parmi les entreprises dont la réponse est échue (elles ont répondu, ou l’échéance est passée alors que l’appel était ouvert ; un appel clos avant son échéance ne demande plus rien), combien ont donné leur première réponse (contribuera, contribution envoyée ou déclinée) avant la fin du jour de l’échéance, dans le fuseau horaire du mandat.',
  'report.meaning-calls-answers': () => 'Où en sont les entreprises d’après leur dernière réponse : elles contribueront, elles ont envoyé leur contribution, ou elles ont décliné.',
  'report.meaning-call-answer': () => 'La valeur du milieu, en jours, de la publication d’un appel à la première réponse d’une entreprise, parmi les entreprises qui ont répondu.',
  'report.meaning-unanswered': () =>
    'Appels encore ouverts, échéance passée, auxquels une entreprise n’a pas répondu, quelle que soit leur date de publication ; les appels clos ne sont pas comptés.',
};
