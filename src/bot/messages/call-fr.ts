/**
 * Français : les mots des appels à contributions (publication, carte de l’entreprise et sa
 * réponse, tableau des réponses pour l’équipe du mandat, rappels), avec les mêmes clés que
 * call-en.ts ; fr.ts les reprend dans le catalogue.
 */
import type { CallAnswer } from '../../domain/call';
import type { callEn } from './call-en';

const ANSWERS: Record<CallAnswer, string> = { contribute: 'Nous contribuerons', submitted: 'Contribution envoyée', declined: 'Pas pour nous' };
const companies = (n: number) => `${n} ${n === 1 ? 'entreprise' : 'entreprises'}`;

function left(days: number): string {
  if (days > 1) return `il reste ${days} jours`;
  if (days === 1) return 'il reste 1 jour';
  return days === 0 ? 'échéance aujourd’hui' : 'échéance dépassée';
}

/** Why: the French call words, checked against the English shape. */
export const callFr: typeof callEn = {
  'call.title': (a) => `${a.ref} · Appel à contributions : ${a.title}`,
  'call.from': (a) => `Le mandat « ${a.mandate} » invite votre entreprise à contribuer.`,
  'call.link': (a) => `Lire l’appel : ${a.link}`,
  'call.label-deadline': () => 'Contributions attendues',
  'call.label-answer': () => 'Votre réponse',
  'call.due': (a, f) => `${f.moment(a.at)} (${left(a.days)})`,
  'call.answer': (a) => ANSWERS[a.answer],
  'call.answer-by': (a, f) => `${ANSWERS[a.answer]} (${a.name}, ${f.moment(a.at)})`,
  'call.no-answer': () => 'Pas encore de réponse',
  'call.closed-note': (a, f) => `L’équipe du mandat a clos cet appel le ${f.moment(a.at)} ; aucune réponse n’est plus attendue.`,
  'call.footer': (a, f) => `Publié par ${a.name}, ${f.moment(a.at)}. Votre réponse n’est vue que par votre entreprise et l’équipe du mandat.`,
  'call.button-contribute': () => 'Nous contribuerons',
  'call.button-submitted': () => 'Contribution envoyée',
  'call.button-declined': () => 'Pas pour nous',

  'call.not-team': () =>
    'Seuls les membres d’une équipe de mandat peuvent publier des appels à contributions. Si vous appuyez un mandat, demandez à la personne qui administre PreLetter de vous ajouter à son équipe.',
  'call.not-your-mandate': () => 'Vous ne faites pas partie de l’équipe du mandat choisi : rien n’a été publié. Choisissez l’un de vos mandats.',
  'call.which-mandate': () => 'Mandat : vous faites partie de plusieurs équipes de mandat ; choisissez le mandat qui publie cet appel.',
  'call.no-topics': () =>
    'Aucun thème n’est enregistré pour vos mandats : l’appel ne pourrait être adressé à personne. Demandez à la personne qui administre PreLetter d’ajouter des thèmes à l’annuaire.',
  'call.title-invalid': (a) => `Titre : indiquez un titre de ${a.max} caractères au plus. Rien n’a été publié.`,
  'call.link-invalid': () => 'Lien : indiquez l’adresse de l’appel publié, commençant par https://. Rien n’a été publié.',
  'call.topics-invalid': (a) =>
    `Thèmes : choisissez au moins un des thèmes du mandat « ${a.mandate} ».${a.unknown === undefined ? '' : ` « ${a.unknown} » n’en fait pas partie.`} Rien n’a été publié.`,
  'call.deadline-invalid': (a) => `Échéance : choisissez un jour entre demain et dans ${a.days} jours. Rien n’a été publié.`,
  'call.no-companies': () =>
    'Thèmes : aucune entreprise de l’annuaire n’a d’acheminement pour ces thèmes ; l’appel ne parviendrait à personne. Rien n’a été publié.',
  'call.published-title': (a) => `Appel à contributions ${a.ref} publié`,
  'call.published': (a, f) => `${a.ref} a été adressé à ${companies(a.count)} : ${f.list(a.names)}. Les réponses sont attendues d’ici le ${f.moment(a.deadline)}.`,
  'call.published-direct': (a, f) =>
    `PreLetter n’a pas de canal avec ${f.list(a.names)} : les personnes responsables de ces thèmes l’ont donc reçu par message direct.`,
  'call.not-delivered': (a, f) =>
    `Je n’ai pas encore pu le transmettre à ${f.list(a.names)}. Veuillez en informer la personne qui administre PreLetter, qui pourra vérifier leur canal et leurs contacts.`,

  'call.not-found': (a) => `Il n’y a aucun appel à contributions ${a.ref} que vous puissiez voir. Vérifiez la référence.`,
  'call.company-only': (a) =>
    `Seules les personnes d’une entreprise à laquelle ${a.ref} a été adressé peuvent y répondre, pour leur propre entreprise. Si cela vous concerne, demandez à la personne qui administre PreLetter de mettre l’annuaire à jour.`,
  'call.which-company': (a) =>
    `${a.ref} a été adressé à plusieurs des entreprises avec lesquelles vous travaillez : répondez sur la carte, dans le canal de l’entreprise pour laquelle vous répondez.`,
  'call.closed': (a, f) => `${a.ref} a été clos par l’équipe du mandat le ${f.moment(a.at)} ; il n’accepte plus de réponses.`,
  'call.answered-title': (a) => `Réponse enregistrée pour ${a.ref}`,
  'call.answered': (a) => `Enregistré pour ${a.company} : « ${ANSWERS[a.answer]} ». L’équipe du mandat de ${a.ref} peut le voir.`,
  'call.already': (a, f) => `La réponse de ${a.company} à ${a.ref} est déjà « ${ANSWERS[a.answer]} », donnée par ${a.name} le ${f.moment(a.at)}.`,
  'call.answer-note': (a) => `${a.company} : « ${ANSWERS[a.answer]} » (${a.name}).`,
  'call.card-behind': () => 'C’est enregistré, mais je n’ai pas pu mettre à jour toutes les copies de la carte de l’appel ; elles l’afficheront au prochain changement.',

  'call.answers-title': (a) => `Réponses à ${a.ref} : ${a.title}`,
  'call.answers-summary': (a, f) => `${a.answered} sur ${companies(a.count)} ont répondu. Les contributions sont attendues d’ici le ${f.moment(a.deadline)}.`,
  'call.answers-more': (a) => `${a.count} autres ${a.count === 1 ? 'entreprise n’est pas affichée' : 'entreprises ne sont pas affichées'} ici.`,
  'call.answers-footer': () => 'Visible uniquement par l’équipe du mandat : chaque entreprise ne voit que sa propre réponse.',

  'call.reminder-title': (a) => (a.days > 0 ? `${a.ref} : ${left(a.days)} pour envoyer votre contribution` : `${a.ref} : les contributions sont attendues aujourd’hui`),
  'call.reminder': (a, f) =>
    `L’appel à contributions attend la réponse de ${a.company} ; les contributions sont attendues d’ici le ${f.moment(a.deadline)}. Veuillez répondre sur la carte : nous contribuerons, contribution envoyée, ou pas pour nous.`,
};
