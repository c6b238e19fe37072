/**
 * Français : les mots des signalements (le formulaire, la carte que reçoivent les mandats,
 * l’accusé de réception, leur état), avec les mêmes clés que flag-en.ts ; fr.ts les reprend.
 */
import type { flagEn } from './flag-en';
import { cmd, s } from './text';

const FIELDS: Record<string, string> = {
  topics: 'Thèmes',
  summary: 'Quel est le problème ?',
  mandate: 'Quel mandat (facultatif)',
  urgent: 'Urgence',
};

/** Why: the French flag words, checked against the English shape. */
export const flagFr: typeof flagEn = {
  'flag.title': (a) => `${a.ref} · Signalement de ${a.company}`,
  'flag.topics': (a) => `Thèmes : ${a.topics}`,
  'flag.urgent': () => 'Marqué urgent par l’entreprise.',
  'flag.footer': (a) => `Signalé par ${a.name}. Confidentiel : réservé à l’entreprise et aux mandats auxquels il a été adressé.`,
  'flag.acknowledged-by': (a, f) => `${a.name}, pour le mandat : ${a.mandate}, ${f.moment(a.at)}`,
  'flag.ack-title': (a) => `Réception du signalement ${a.ref} accusée`,
  'flag.ack-done': (a) => `Merci : la réception de ${a.ref} est accusée. L’entreprise en est informée.`,
  'flag.ack-told': (a) => `${a.name} a accusé réception de ${a.ref} pour le mandat : ${a.mandate}.`,
  'flag.ack-already': (a) => `La réception de ${a.ref} a déjà été accusée par ${a.name}.`,
  'flag.ack-team-only': (a) => `Seule l’équipe d’un mandat auquel ${a.ref} a été adressé peut en accuser réception.`,
  'flag.not-found': (a) => `Il n’y a aucun signalement ${a.ref} que vous puissiez voir. Vérifiez la référence.`,

  'flag.raised-title': (a) => `Signalement ${a.ref} transmis`,
  'flag.raised': (a) => s`${a.ref} a été transmis à ${a.to}. Je vous dirai en privé quand sa réception sera accusée ; ${cmd('status')} l’indique aussi.`,
  'flag.to-admins': (a) => `Aucun mandat ne couvre ces thèmes : ${a.ref} a donc été transmis aux personnes qui administrent PreLetter, qui le feront suivre.`,
  'flag.company-only': () => 'Seules les personnes qu’une entreprise inscrit dans l’annuaire peuvent signaler un problème en son nom. Demandez à la personne qui administre PreLetter de vous ajouter.',
  'flag.team-not-company': () =>
    s`Les signalements permettent aux personnes d’une entreprise de saisir les procédures spéciales : seules les personnes qu’une entreprise inscrit peuvent en faire. En tant que membre d’une équipe de mandat, vous pouvez plutôt présenter l’aperçu d’une lettre à une entreprise avec ${cmd('preview')}.`,
  'flag.which-company': () => 'Faites le signalement dans le canal de votre entreprise, afin que PreLetter sache de quelle entreprise il vient.',
  'flag.no-topic': () => 'Indiquez au moins un thème, afin que le signalement parvienne aux mandats qui le couvrent.',
  'flag.no-summary': (a) => `Rédigez un bref résumé du problème, de ${a.max} caractères au plus.`,
  'flag.no-topics-offered': () =>
    'Aucun mandat de l’annuaire n’indique encore de thèmes : le formulaire de signalement n’a donc rien à proposer, et rien n’a été créé. Demandez à la personne qui administre PreLetter d’ajouter des thèmes aux mandats.',

  'flag.form-title': () => 'Faire un signalement',
  'flag.form-intro': (a) =>
    `Signaler un problème aux procédures spéciales de l’ONU au nom de ${a.company}. Le signalement parvient aux mandats qui couvrent les thèmes choisis et reste confidentiel : seules les personnes de ${a.company} et les équipes de ces mandats le voient.`,
  'flag.field': (a) => FIELDS[a.field] ?? a.field,
  'flag.topics-hint': () => 'Ils déterminent à quels mandats le signalement parvient.',
  'flag.summary-hint': (a) => `Un bref résumé du problème : ${a.max} caractères au plus.`,
  'flag.mandate-hint': () => 'Laissez vide pour que les thèmes décident. Le mandat choisi ne reçoit le signalement que s’il couvre l’un de ses thèmes.',
  'flag.urgent-option': () => 'Urgent : les équipes de mandat reçoivent des rappels plus tôt',
  'flag.submit': () => 'Envoyer le signalement',
  'flag.write-summary': () => 'Rédigez un bref résumé du problème.',
  'flag.topic-not-offered': (a) => `« ${a.topic} » ne fait plus partie des thèmes que couvrent les mandats. Merci de choisir dans la liste.`,
  'flag.too-many-topics': (a) => `Choisissez au plus ${a.max} thèmes.`,
  'flag.mandate-not-offered': () => 'Ce mandat ne figure plus dans l’annuaire. Choisissez-en un autre, ou laissez le champ vide.',
  'flag.out-of-date': () => s`Ce formulaire de signalement n’est plus à jour ; rien n’a donc été créé. Tapez de nouveau ${cmd('flag')}.`,
  'flag.not-yours': () => s`Ce formulaire de signalement a été ouvert par une autre personne ; rien n’a donc été créé. Tapez ${cmd('flag')} pour obtenir le vôtre.`,
  'flag.used': () => s`Ce formulaire de signalement a déjà été envoyé ; rien de nouveau n’a été créé. ${cmd('status')} montre les signalements de votre entreprise.`,
  'flag.from-command': () => s`Le formulaire de signalement s’ouvre avec la commande : tapez ${cmd('flag')}.`,
  'flag.dialog-card': (a) =>
    `${a.name}, ouvrez le formulaire pour faire un signalement aux procédures spéciales. Le formulaire ne s’affiche que pour vous, et le signalement parvient aux mandats, pas à ce canal.`,

  'flag.count': (a) => `${a.count} signalement${a.count === 1 ? '' : 's'} aux procédures spéciales, du plus récent au plus ancien.`,
  'flag.awaiting': () => 'En attente d’accusé de réception',
  'flag.acknowledged': (a, f) => `Réception accusée pour le mandat : ${a.mandate}, le ${f.moment(a.at)}`,
  'flag.to-admins-short': () => 'Les personnes qui administrent PreLetter (aucun mandat ne couvre ces thèmes)',
  'label.raised': () => 'Signalé',
};
