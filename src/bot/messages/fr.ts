/**
 * Français : les mêmes clés que en.ts, dans les termes de l'ONU (communication, lettre
 * d'allégation, appel urgent, titulaire de mandat). Les commandes restent des `cmd(...)`,
 * écrites par chaque adaptateur ; les dates viennent des formats du lecteur.
 */
import type { CommandName } from '../../domain/command';
import type { LetterAction } from '../../domain/lifecycle';
import type { AuditAction, LetterStatus, LetterType, Platform } from '../../domain/types';
import type { Catalogue } from './catalogue';
import type { Formats } from './format';
import { callFr } from './call-fr';
import { callFormFr } from './call-form-fr';
import { flagClockFr } from './flag-clock-fr';
import { flagFr } from './flag-fr';
import { reportFr } from './report-fr';
import { closed, cmd, commandList, s } from './text';

const TYPES: Record<LetterType, string> = { UA: 'Appel urgent', AL: 'Lettre d’allégation', OL: 'Autre lettre' };
const TYPES_LOWER: Record<LetterType, string> = { UA: 'd’appel urgent', AL: 'de lettre d’allégation', OL: 'd’autre lettre' };
const STATUSES: Record<LetterStatus, string> = {
  'awaiting-ack': 'En attente d’accusé de réception',
  acknowledged: 'Réception accusée',
  'awaiting-reply': 'En attente de réponse',
  overdue: 'En retard',
  replied: 'Réponse reçue',
  withdrawn: 'Retirée',
};
const EVENTS: Record<AuditAction, string> = {
  previewed: 'Aperçu présenté',
  routed: 'Acheminée',
  posted: 'Publiée dans le canal',
  'unrouted-alert': 'Administration alertée : personne au dossier',
  acknowledged: 'Réception accusée',
  'formal-sent': 'Lettre officielle envoyée',
  replied: 'Réponse enregistrée',
  withdrawn: 'Retirée',
};
const DOING: Record<LetterAction, string> = {
  acknowledge: 'en accuser réception',
  'mark-sent': 'la marquer comme envoyée',
  'record-reply': 'enregistrer la réponse',
  withdraw: 'la retirer',
};
const DONE: Record<LetterAction, string> = {
  acknowledge: 'a déjà fait l’objet d’un accusé de réception',
  'mark-sent': 'a déjà été marquée comme envoyée',
  'record-reply': 'a déjà sa réponse enregistrée',
  withdraw: 'a déjà été retirée',
};
const PLATFORMS: Record<Platform, string> = { slack: 'Slack', teams: 'Microsoft Teams' };
const USAGE: Record<CommandName, string[]> = {
  preview: [],
  flag: [],
  call: [],
  status: ['[RÉF ou entreprise]'],
  ack: ['RÉF'],
  sent: ['RÉF', '[cote officielle]'],
  replied: ['RÉF'],
  withdraw: ['RÉF', '[motif]'],
  report: ['[période]'],
  help: [],
};
const DESCRIPTIONS: Record<CommandName, string> = {
  preview: 'Présenter l’aperçu d’une lettre à une entreprise dans ce canal.',
  flag: 'Signaler un problème aux procédures spéciales au nom de votre entreprise (ouvre un formulaire).',
  call: 'Publier un appel à contributions aux entreprises dont les thèmes correspondent (ouvre un formulaire ; équipes de mandat).',
  status: 'Voir où en sont vos lettres, ou une lettre ou une entreprise.',
  ack: 'Accuser réception d’une lettre qui vous est adressée.',
  sent: 'Marquer la lettre officielle comme envoyée ; le délai de réponse commence alors.',
  replied: 'Enregistrer la réponse de l’entreprise à la lettre officielle.',
  withdraw: 'Retirer une lettre qui ne sera pas envoyée ; le motif, si vous en donnez un, est montré à l’entreprise.',
  report: 'Réponses à temps (lettres, signalements, appels), par entreprise et mandat : année, mois ou deux jours (défaut : 12 mois).',
  help: 'Afficher ces commandes.',
};
const FIELDS: Record<string, string> = {
  type: 'Type de lettre',
  mandate: 'Au nom de quel mandat',
  topics: 'Thèmes',
  summary: 'Résumé',
  expectedDate: 'Date prévue de la lettre officielle',
  urgent: 'Urgence',
};
const EXAMPLE_REF = 'PL-2026-0007';
const ADMIN = 'la personne qui administre PreLetter';

function left(days: number): string {
  if (days > 1) return `il reste ${days} jours`;
  if (days === 1) return 'il reste 1 jour';
  if (days === 0) return 'échéance aujourd’hui';
  return days === -1 ? 'en retard de 1 jour' : `en retard de ${-days} jours`;
}

function reminded(f: Formats, people: Array<{ name: string; at: Date }>): string {
  if (people.length === 0) return '';
  const names = f.list(people.map((p) => `${p.name} (rappel le ${f.moment(p.at)})`));
  return ` ${names} ${people.length === 1 ? 'n’en a pas' : 'n’en ont pas'} accusé réception.`;
}


/** Why: the French words, checked against the English shape by the Catalogue type. */
export const fr: Catalogue = {
  // The report (report-fr.ts)
  ...reportFr,
  // A flag's clocks (flag-clock-fr.ts)
  ...flagClockFr,
  // Calls for input (call-fr.ts)
  ...callFr,
  ...callFormFr,
  // Flags (flag-fr.ts)
  ...flagFr,
  'letter.type': (a) => TYPES[a.type],
  'letter.status': (a) => STATUSES[a.status],
  'letter.event': (a) => EVENTS[a.action],
  'platform.name': (a) => PLATFORMS[a.platform],
  'time.left': (a) => left(a.days),
  'time.zone': (a) => `Heures exprimées en ${a.zone}.`,
  'label.status': () => 'Statut',
  'label.type': () => 'Type',
  'label.topics': () => 'Thèmes',
  'label.routed-to': () => 'Adressée à',
  'label.expected': () => 'Lettre officielle prévue',
  'label.acknowledged': () => 'Réception accusée',
  'label.formal-sent': () => 'Lettre officielle envoyée',
  'label.replied': () => 'Réponse enregistrée',
  'label.withdrawn': () => 'Retirée',
  'label.symbol': () => 'Cote officielle',
  'label.reply-due': () => 'Réponse attendue',
  'label.letter': () => 'Lettre',
  'label.company': () => 'Entreprise',
  'button.acknowledge': () => 'Accuser réception',
  'button.mark-sent': () => 'Marquer la lettre officielle comme envoyée',
  'button.record-reply': () => 'Enregistrer la réponse',
  'button.withdraw': () => 'Retirer',
  'button.keep': () => 'La conserver',
  'button.open-thread': () => 'Ouvrir le fil',
  'button.preview': () => 'Présenter',
  'button.cancel': () => 'Annuler',
  'button.preview-letter': () => 'Aperçu de lettre',
  'button.confirm': () => 'Confirmez-vous ?',

  'card.title': (a) => `${a.ref} · Aperçu ${TYPES_LOWER[a.type]} pour ${a.company}`,
  'card.from': (a) => `De la part de : ${a.mandate}.`,
  'card.type': (a) => `${TYPES[a.type]} (${a.type})${a.urgent ? ', urgente' : ''}`,
  'card.unrouted': () => 'Personne au dossier pour l’instant : l’administration a été alertée',
  'card.fact': (a, f) => `${a.name}, ${f.moment(a.at)}`,
  'card.due': (a, f) => `${f.moment(a.at)} (${left(a.days)})`,
  'card.footer': (a, f) => `Confidentiel jusqu’à publication. Aperçu présenté par ${a.name}, ${f.moment(a.at)}.`,
  'card.withdraw-title': (a) => `Retirer ${a.ref} ?`,
  'card.withdraw-text': () => 'L’entreprise sera informée que la lettre ne sera pas envoyée, et tous les rappels cessent.',
  'card.direct-title': (a) => `Nouvel aperçu de lettre qui vous est adressé : ${a.title}`,
  'thread.title': () => 'Acheminement',
  'thread.unrouted': (a) => `Personne chez ${a.company} n’est encore au dossier pour ces thèmes. L’administration de PreLetter a été alertée.`,
  'thread.attention': (a) => s`À l’attention de ${a.owners}. Merci d’accuser réception de cet aperçu.`,
  'thread.backups': (a, f) => `Suppléance au besoin : ${f.list(a.names)}.`,
  'alert.unrouted-title': (a) => `${a.ref} n’a personne à qui être adressée`,
  'alert.unrouted': (a, f) =>
    `Un aperçu pour ${a.company} sur ${f.list(a.topics)} n’a trouvé ni règle d’acheminement ni contact par défaut. Ajoutez une règle ou des contacts par défaut pour ${a.company} dans l’annuaire.`,

  'nudge.ack-title': (a) => `Rappel : merci d’accuser réception de ${a.ref}`,
  'nudge.escalation-title': (a) => `Escalade : la réception de ${a.ref} n’est pas encore accusée`,
  'nudge.countdown-title': (a) => (a.days > 0 ? `${a.ref} : ${left(a.days)} pour répondre` : `${a.ref} : la réponse est attendue aujourd’hui`),
  'nudge.overdue-title': (a) => `${a.ref} : la réponse est en retard`,
  'nudge.ack': (a) =>
    `Cet aperçu pour ${a.company} attend un accusé de réception. Merci d’en accuser réception, ou d’indiquer à l’équipe du mandat, dans le fil, qui doit s’en charger.`,
  'nudge.backups': (a, f) => `Vous assurez la suppléance pour cet aperçu adressé à ${a.company}.${reminded(f, a.reminded)} Merci de veiller à ce que quelqu’un en accuse réception.`,
  'nudge.executive': (a, f) =>
    `Vous êtes le contact d’escalade pour ${a.company}.${reminded(f, a.reminded)} Merci de veiller à ce que quelqu’un chez ${a.company} en accuse réception.`,
  'nudge.overdue': (a, f) =>
    `La réponse à la lettre officielle était attendue au plus tard le ${f.moment(a.deadline)}. Une réponse tardive reste bienvenue, mais les réponses reçues après le délai pourraient ne pas figurer dans le rapport du ou de la titulaire de mandat.`,
  'nudge.countdown': (a, f) =>
    `La réponse de l’entreprise à la lettre officielle est attendue au plus tard le ${f.moment(a.deadline)}. Les réponses reçues dans le délai figurent dans le rapport du ou de la titulaire de mandat.`,
  'nudge.for': (a) => s`À l’attention de ${a.people} :`,
  'nudge.letter': (a) => `${a.ref} · ${TYPES[a.type]} de ${a.mandate}`,
  'undelivered.post-title': (a) => `${a.ref} n’a pas pu être publiée`,
  'undelivered.post': (a) =>
    `J’ai essayé plusieurs fois sans pouvoir publier ${a.ref} dans le canal de ${a.company} : l’entreprise ne l’y a donc pas vue. Vérifiez que PreLetter est toujours dans ce canal, et prévenez ${ADMIN}.`,
  'undelivered.title': (a) => `${a.reminder ? 'Un rappel' : 'Un message'} pour ${a.ref} n’a pas pu être remis`,
  'undelivered.text': (a) =>
    `J’ai essayé plusieurs fois sans pouvoir remettre ${a.reminder ? 'un rappel' : 'un message'} concernant ${a.ref} (${a.company}) à ${a.to === 'thread' ? 'la discussion de la lettre' : a.to === 'admins' ? 'l’administration de PreLetter' : a.name}. Merci de faire le suivi directement.`,

  'status.title': () => 'Vos lettres',
  'status.company-title': (a) => `Vos lettres à ${a.company}`,
  'status.none-company': () => 'Aucune lettre à cette entreprise ne vous est visible.',
  'status.none': () => s`Aucune lettre ne vous est encore visible. Les équipes de mandat en ouvrent une avec ${cmd('preview')} dans le canal d’une entreprise.`,
  'status.count': (a) => `${a.count} ${a.count === 1 ? 'lettre' : 'lettres'}, de la plus récente à la plus ancienne. Heures exprimées en ${a.zone}.`,
  'status.due': (a, f) => `${left(a.days)} (échéance le ${f.moment(a.at)})`,
  'status.unknown-company': (a) =>
    s`Je ne connais aucune entreprise nommée « ${a.name} » parmi celles avec lesquelles vous travaillez. Essayez son nom tel qu’il figure sur les cartes des lettres, ou ${cmd('status')} pour toutes vos lettres.`,
  'timeline.title': (a) => `Historique de ${a.ref}`,
  'timeline.about': (a) => `${TYPES[a.type]} de ${a.mandate} à ${a.company}.`,

  'help.title': () => 'Commandes de PreLetter',
  'help.intro': () =>
    'PreLetter ouvre un fil pour chaque aperçu de lettre, l’adresse à la bonne personne au sein de l’entreprise et tient le délai de réponse de 60 jours.',
  'help.command': (a) => s`${cmd(a.name, ...USAGE[a.name])} : ${DESCRIPTIONS[a.name]}`,
  'help.description': (a) => DESCRIPTIONS[a.name],
  'help.commands': () => s`Commandes : ${commandList(USAGE)}.`,
  'command.unknown': (a) =>
    s`« ${a.word} » n’est pas une commande de PreLetter.${a.guess ? s` Vouliez-vous dire ${cmd(a.guess)} ?` : ''} Commandes : ${commandList(USAGE)}.`,
  'command.extra': (a) => s`Merci d’enlever « ${a.extra} » : ${a.name} s’utilise ainsi : ${cmd(a.name, ...USAGE[a.name])}.`,
  'command.ref-missing': (a) => s`La référence de la lettre manque : ${a.name} en demande une, par exemple ${cmd(a.name, EXAMPLE_REF)}.`,
  'command.ref-invalid': (a) => `« ${a.typed} » n’est pas une référence de lettre : elle a la forme ${EXAMPLE_REF}.`,
  'command.invalid': (a) => s`Le champ ${a.field} de ${a.name} n’est pas valable : utilisez la commande ainsi : ${cmd(a.name, ...USAGE[a.name])}.`,
  'command.preview-here': () =>
    s`Les aperçus de lettre se présentent dans le canal partagé avec l’entreprise ; rien n’a donc été créé ici. Tapez ${cmd('preview')} dans ce canal.`,

  'action.forbidden-owner': (a) =>
    `Seules les personnes à qui ${a.ref} est adressée, ou les contacts de son entreprise, peuvent ${DOING[a.action]}. Si ce dossier devrait être le vôtre, demandez à ${ADMIN} de mettre à jour l’annuaire de routage.`,
  'action.forbidden-team': (a) =>
    `Seule l’équipe du mandat de ${a.ref} peut ${DOING[a.action]}. Si vous faites partie de cette équipe, demandez à ${ADMIN} de vous y ajouter.`,
  'action.withdrawn': (a, f) =>
    `${a.ref} a été retirée le ${f.moment(a.at)} : vous ne pouvez donc plus ${DOING[a.action]}. Si elle redevient nécessaire, l’équipe du mandat peut présenter l’aperçu d’une nouvelle lettre.`,
  'action.replied': (a, f) =>
    `La réponse à ${a.ref} a été enregistrée le ${f.moment(a.at)} : vous ne pouvez donc plus ${DOING[a.action]}. La réponse reste au dossier.`,
  'action.already': (a, f) => `${a.ref} ${DONE[a.action]} par ${a.name} le ${f.moment(a.at)}.`,
  'action.not-sent': (a) =>
    s`La lettre officielle de ${a.ref} n’a pas encore été marquée comme envoyée : sa réponse ne peut donc pas être enregistrée. Marquez-la d’abord comme envoyée avec ${cmd('sent', a.ref)}, puis enregistrez la réponse.`,
  'action.changed': (a) => `${a.ref} a changé pendant que vous agissiez. Merci de réessayer.`,
  'action.thread-behind': () => 'C’est enregistré, mais je n’ai pas pu mettre à jour le fil de la lettre ; la carte se mettra à jour au prochain changement.',
  'ack.title': (a) => `Réception de ${a.ref} accusée`,
  'ack.note': (a) => `${a.name} a accusé réception de cet aperçu. Les rappels d’accusé de réception s’arrêtent ici.`,
  'ack.done': (a) => `Merci : la réception de ${a.ref} est accusée. L’équipe du mandat le voit dans le fil.`,
  'sent.title': (a) => `Lettre officielle envoyée pour ${a.ref}`,
  'sent.note': (a, f) =>
    `${a.name} a marqué la lettre officielle comme envoyée${a.symbol ? ` (${a.symbol})` : ''} : la réponse est attendue au plus tard le ${f.moment(a.deadline)} (${a.days} jours).`,
  'sent.done': (a, f) =>
    `C’est enregistré : la lettre officielle de ${a.ref} est envoyée, et la réponse est attendue au plus tard le ${f.moment(a.deadline)} (${a.days} jours).`,
  'reply.title': (a) => `Réponse enregistrée pour ${a.ref}`,
  'reply.note': (a) => `${a.name} a enregistré la réponse de l’entreprise. Merci ; aucun autre rappel ne sera envoyé.`,
  'reply.done': (a) => `C’est enregistré : ${a.ref} a sa réponse. Tous les rappels sont arrêtés.`,
  'withdraw.title': (a) => `${a.ref} retirée`,
  'withdraw.note': (a) =>
    `${a.name} a retiré cet aperçu de lettre${a.reason ? ` : ${closed(a.reason)}` : '.'} L’entreprise n’a rien à faire.`,
  'withdraw.done': (a) => `${a.ref} est retirée, et tous les rappels sont arrêtés.`,

  'preview.not-bound': () =>
    `Ce canal n’est lié à aucune entreprise dans l’annuaire de PreLetter ; rien n’a donc été créé. Présentez l’aperçu dans le canal partagé avec l’entreprise, ou demandez à ${ADMIN} de lier ce canal.`,
  'preview.not-team': () =>
    `Seuls les membres d’une équipe de mandat peuvent présenter un aperçu de lettre. Si vous appuyez un mandat, demandez à ${ADMIN} de vous ajouter à son équipe.`,
  'preview.no-topics': (a) =>
    `Aucun thème au dossier pour ${a.company} ou vos mandats ne peut être proposé dans le formulaire ; rien n’a donc été créé. Demandez à ${ADMIN} d’ajouter des thèmes à l’annuaire.`,
  'preview.topics': (a) =>
    `Thèmes : choisissez entre 1 et ${a.max} des thèmes que le formulaire propose pour ${a.company}.${a.unknown === undefined ? '' : ` « ${a.unknown} » n’en fait pas partie.`} Rien n’a été créé.`,
  'preview.not-your-mandate': () => 'Vous ne faites pas partie de l’équipe du mandat choisi ; rien n’a donc été créé. Choisissez l’un de vos propres mandats.',
  'preview.which-mandate': () => 'Mandat : vous faites partie de plusieurs équipes de mandat ; choisissez au nom de quel mandat cette lettre est envoyée.',
  'preview.saved-title': (a) => `Aperçu ${a.ref} enregistré`,
  'preview.opened-title': (a) => `Aperçu ${a.ref} ouvert`,
  'preview.not-confirmed': (a) =>
    `${a.ref} est enregistrée, mais je n’ai pas encore pu confirmer que sa carte se trouve dans le canal de l’entreprise. Si elle n’y est pas encore, je la publierai dès que possible, et les personnes à qui elle est adressée en seront alors informées ; vous n’avez rien à faire.`,
  'preview.no-access': (a) =>
    `${a.ref} est enregistrée, mais ${PLATFORMS[a.platform]} ne permet pas à PreLetter de publier dans le canal de l’entreprise : elle n’y est donc pas encore. Ajoutez PreLetter à ce canal (ou demandez à ${ADMIN} de vérifier qu’il s’agit toujours du canal de l’entreprise) : je réessaierai pendant un quart d’heure et la publierai dès que possible. Ne présentez pas l’aperçu une seconde fois.`,
  'preview.refused': (a) =>
    `${a.ref} est enregistrée, mais ${PLATFORMS[a.platform]} n’a pas encore accepté la carte : elle n’est donc pas dans le canal de l’entreprise. Elle y apparaîtra dès que ${PLATFORMS[a.platform]} répondra, et les personnes à qui elle est adressée en seront alors informées ; vous n’avez rien à faire.`,
  'preview.unrouted': (a, f) =>
    `${a.ref} est enregistrée et publiée, mais personne chez ${a.company} n’est au dossier pour ${f.list(a.topics)}. L’administration de PreLetter a été alertée ; la lettre attend dans le canal de l’entreprise qu’une personne en accuse réception.`,
  'preview.open': (a, f) => `${a.ref} est ouverte dans le canal de l’entreprise et adressée à ${f.list(a.names)}.`,
  'preview.dm-lost': (a, f) => `Je n’ai pas pu envoyer de message direct à ${f.list(a.names)} ; la mention dans le fil leur reste visible.`,
  'preview.dm-later': (a, f) => `Mon message direct à ${f.list(a.names)} n’est pas encore passé ; je continue d’essayer.`,

  'form.title': () => 'Aperçu de lettre',
  'form.intro': (a) =>
    `Aperçu d’une lettre à ${a.company}. Il est publié uniquement dans le canal de l’entreprise, adressé à la personne responsable du dossier dans l’entreprise, et reste confidentiel jusqu’à publication.`,
  'form.field': (a) => FIELDS[a.field] ?? a.field,
  'form.topics-hint': () => 'Ils déterminent à qui l’aperçu est adressé dans l’entreprise.',
  'form.summary-hint': (a) => `Une brève annonce, pas la lettre elle-même : ${a.max} caractères au plus.`,
  'form.urgent-option': () => 'Urgente : utiliser les délais de rappel courts (toujours le cas des appels urgents)',
  'form.correct': () => 'Merci de corriger les champs signalés en rouge ci-dessous.',
  'form.choose-type': () => 'Choisissez le type de lettre.',
  'form.choose-mandate': () => 'Choisissez le mandat au nom duquel cette lettre est envoyée.',
  'form.choose-topic': () => 'Choisissez au moins un thème.',
  'form.topic-not-offered': (a) => `« ${a.topic} » ne fait plus partie des thèmes proposés pour ce canal. Merci de choisir dans la liste.`,
  'form.write-summary': () => 'Rédigez un bref résumé de la lettre.',
  'form.summary-long': (a) => `Le résumé compte ${a.length} caractères ; la limite est de ${a.max}. Merci de le raccourcir.`,
  'form.use-picker': () => 'Choisissez la date avec le sélecteur de date.',
  'form.past-date': () => 'Cette date est passée. Choisissez la date à laquelle vous prévoyez d’envoyer la lettre officielle, aujourd’hui ou plus tard.',
  'form.toggle-urgent': () => 'Activez ou désactivez l’urgence.',
  'form.unreadable': (a) => `PreLetter n’a pas pu lire ce champ (${a.field}). Merci de le remplir à nouveau.`,
  'form.out-of-date': () => s`Ce formulaire d’aperçu n’est plus à jour. Tapez de nouveau ${cmd('preview')} dans le canal de l’entreprise.`,
  'form.from-command': () => s`Le formulaire d’aperçu s’ouvre avec la commande : tapez ${cmd('preview')} dans le canal de l’entreprise.`,
  'form.sent-privately': (a) =>
    `${a.name}, je vous ai envoyé le formulaire d’aperçu dans notre conversation privée, afin que rien de confidentiel ne soit saisi ici. L’aperçu sera publié dans ce canal.`,
  'form.dialog-card': () => 'Présenter l’aperçu d’une lettre à l’entreprise de ce canal. Le formulaire ne s’ouvre que pour vous.',
  'form.dialog-or-chat': () => 'Si le formulaire ne s’ouvre pas ici, PreLetter peut vous l’envoyer dans votre conversation privée.',
  'button.open-form': () => 'Ouvrir le formulaire',
  'button.form-to-chat': () => 'L’envoyer dans ma conversation',
  'form.in-chat': () => 'Le formulaire d’aperçu se trouve dans votre conversation privée avec PreLetter. L’aperçu sera publié dans ce canal.',
  'form.done': (a) => `L’aperçu ${a.ref} est publié dans ce canal.`,
  'card.view-elsewhere': () => 'Cette carte n’est active que dans le canal de la lettre.',
  'bridge.title': () => 'Copie de l’équipe du mandat',
  'bridge.mirrored': (a) =>
    `Ceci est la copie, pour l’équipe du mandat, d’une lettre publiée dans le canal ${a.platform} de ${a.company}. Les boutons et les commandes fonctionnent aussi ici ; les messages de ce fil et de celui de l’entreprise sont transmis dans les deux sens, avec le nom de leur auteur.`,
  'relay.title': (a) => `${a.name}, sur ${a.platform}`,
  'relay.someone': (a) => `Une personne sur ${a.platform}`,
  'relay.edited': () => '(modifié)',
  'relay.deleted': () => 'L’auteur a supprimé ce message.',

  'thread.nothing-to-ack-title': () => 'Rien à accuser',
  'thread.nothing-to-ack': () =>
    s`Ce fil n’est pas celui d’une lettre : il n’y a donc rien dont accuser réception ici. Utilisez ${cmd('ack', 'RÉF')} avec la référence de la lettre.`,
  'click.working': () => 'PreLetter y travaille encore ; la carte se mettra à jour dans un instant.',
  'click.repeated': () => 'C’est déjà fait : PreLetter ne donne suite qu’une fois à chaque clic.',
  'click.done': () => 'C’est fait. La carte n’a pas pu être actualisée ici ; elle montrera le nouveau statut à sa prochaine ouverture.',
  'click.unknown-button': () => s`Ce bouton n’est plus utilisé. Tapez ${cmd('status')} pour voir où en sont vos lettres.`,
  'form.not-yours': () => s`Ce formulaire d’aperçu a été ouvert par une autre personne ; rien n’a donc été créé. Tapez ${cmd('preview')} dans le canal de l’entreprise pour obtenir le vôtre.`,
  'form.used': () => s`Ce formulaire d’aperçu a déjà été envoyé ; rien de nouveau n’a été créé. ${cmd('status')} énumère vos lettres.`,
  'click.unreadable': () => 'Le clic sur le bouton n’a pas pu être lu (ref : ce n’est pas une référence de lettre). Merci de réessayer.',

  'actor.unknown': (a) =>
    `Je ne connais pas encore votre compte ${PLATFORMS[a.platform]} ; je ne peux donc pas agir en votre nom. Demandez à ${ADMIN} de l’ajouter à l’annuaire de routage, en lui donnant ces identifiants : ${
      a.platform === 'teams' ? `locataire Microsoft Teams ${a.workspaceId}, identifiant d’objet Azure AD ${a.userId}` : `espace de travail Slack ${a.workspaceId}, utilisateur ${a.userId}`
    }.`,
  'letter.not-found': (a) =>
    s`Je ne trouve aucune lettre portant la référence ${a.ref} parmi celles qui vous sont visibles. Vérifiez-la avec ${cmd('status')}, qui les énumère.`,
  'letter.directory-gap': (a) => `L’annuaire ne contient plus le mandat ou l’entreprise de ${a.ref}. Demandez à ${ADMIN} de les rétablir.`,

  'install.title': () => 'PreLetter est installé dans cette équipe',
  'install.bind': () =>
    `PreLetter ne publie les aperçus de lettre d’une entreprise que dans les canaux liés à cette entreprise dans son annuaire de routage. Pour lier ce canal, ${ADMIN} ajoute cette ligne sous les canaux de l’entreprise dans le fichier d’annuaire, puis importe le fichier :`,
  'install.other-channel': () =>
    'Pour un autre canal de cette équipe, utilisez « Obtenir le lien vers le canal » : son channelId est la partie qui suit /channel/ dans ce lien, une fois décodée (elle commence par 19:), avec le même workspaceId.',
  'install.tenant': () => 'workspaceId (locataire)',
  'install.channel': () => 'channelId (ce canal)',
  'home.intro': () => s`PreLetter : aperçus de lettres aux entreprises, et leur délai de réponse de 60 jours. Tapez ${cmd('help')} dans n’importe quel canal pour voir les commandes.`,
  'welcome.title': () => 'Bienvenue dans PreLetter',
  'welcome.what': () =>
    'PreLetter aide les titulaires de mandat des procédures spéciales de l’ONU à présenter aux entreprises un aperçu de leurs lettres officielles : chaque aperçu ouvre un fil dans le canal partagé avec l’entreprise, est adressé à la bonne personne, et le délai de réponse de 60 jours est suivi par des rappels.',
  'welcome.next': () =>
    s`Dans cette conversation, tapez ${cmd('status')} pour voir vos lettres, ou ${cmd('help')} pour toutes les commandes. Les équipes de mandat présentent un aperçu avec ${cmd('preview')} dans le canal de l’entreprise.`,
  'welcome.account': (a) =>
    `Si PreLetter ne vous connaît pas encore, donnez ces identifiants à ${ADMIN} : locataire Microsoft Teams ${a.workspaceId}, identifiant d’objet Azure AD ${a.userId}.`,

  'error.title': () => 'Cela n’a pas fonctionné',
  'error.internal': () =>
    `Désolé, une erreur s’est produite de notre côté et rien n’a été modifié. Merci de réessayer dans une minute ; si le problème persiste, prévenez ${ADMIN}.`,
  'error.unavailable': () => 'PreLetter ne peut pas accéder à ses données pour le moment ; rien n’a été modifié. Merci de réessayer dans une minute.',
  'error.no-access': (a) =>
    `${PLATFORMS[a.platform]} n’a pas permis à PreLetter de publier à cet endroit. Vérifiez que PreLetter a été ajouté à ce canal ou à cette conversation, puis réessayez ; si cela échoue encore, prévenez ${ADMIN}.`,
  'error.busy': (a) => `${PLATFORMS[a.platform]} est très sollicité en ce moment et n’a pas accepté le message après plusieurs essais. Merci de réessayer dans quelques minutes.`,
  'error.unreachable': (a) =>
    `${PLATFORMS[a.platform]} n’a pas pu être joint ; la demande n’a donc pas abouti. Rien n’est perdu : merci de réessayer dans une minute.`,
  'error.refused': (a) => `${PLATFORMS[a.platform]} n’a pas accepté la demande ; elle n’a donc pas abouti. Rien n’est perdu : merci de réessayer dans une minute.`,
  'error.expired-trigger': (a) =>
    `Le formulaire a mis trop de temps à s’ouvrir ; ${PLATFORMS[a.platform]} ne l’a donc pas affiché. Rien n’a été modifié : merci de relancer la commande.`,
  'error.unreadable': (a) =>
    `${PLATFORMS[a.platform]} a envoyé quelque chose que PreLetter n’a pas pu lire (${a.field}). Merci de réessayer ; si le problème persiste, prévenez ${ADMIN}.`,
};
