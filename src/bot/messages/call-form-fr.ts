/**
 * Français : les mots du formulaire d’appel à contributions (fenêtre Slack, carte et
 * boîte de dialogue Teams) et de l’état d’un appel, avec les mêmes clés que call-form-en.ts ;
 * fr.ts les reprend dans le catalogue.
 */
import type { callFormEn } from './call-form-en';
import { cmd, s } from './text';

const FIELDS: Record<string, string> = {
  mandate: 'Quel mandat',
  title: 'Titre',
  link: 'Lien vers l’appel',
  topics: 'Thèmes',
  deadline: 'Contributions attendues le',
};

/** Why: the French call form words, checked against the English shape. */
export const callFormFr: typeof callFormEn = {
  'call.form-title': () => 'Appel à contributions',
  'call.form-intro': () =>
    'Publier un appel à contributions. Il parvient à chaque entreprise dont les routes couvrent l’un de ses thèmes ; chaque entreprise répond sur sa propre carte, et seule votre équipe voit le tableau des réponses.',
  'call.field': (a) => FIELDS[a.field] ?? `champ ${a.field}`,
  'call.mandate-hint': () => 'Vous faites partie de plusieurs équipes de mandat : choisissez celle qui publie l’appel.',
  'call.title-hint': (a) => `L’objet de l’appel, tel que les entreprises le liront : ${a.max} caractères au plus.`,
  'call.link-hint': () => 'L’adresse où l’appel est publié, commençant par https://.',
  'call.topics-hint': () => 'L’appel parvient à chaque entreprise ayant une route sur l’un de ces thèmes, qui doivent être des thèmes du mandat qui le publie.',
  'call.deadline-hint': (a, f) => `Un jour du ${f.day(a.first)} au ${f.day(a.last)} ; les contributions comptent jusqu’à la fin de ce jour.`,
  'call.submit': () => 'Publier',
  'call.out-of-date': () => s`Ce formulaire d’appel n’est plus à jour, rien n’a donc été publié. Veuillez relancer ${cmd('call')}.`,
  'call.not-yours': () => s`Ce formulaire d’appel a été ouvert par quelqu’un d’autre, rien n’a donc été publié. Tapez ${cmd('call')} pour obtenir le vôtre.`,
  'call.used': () => 'Ce formulaire d’appel a déjà été envoyé, rien de nouveau n’a donc été publié.',
  'call.from-command': () => s`Le formulaire d’appel s’ouvre avec la commande : tapez ${cmd('call')}.`,
  'call.dialog-card': (a) =>
    `${a.name}, ouvrez le formulaire pour publier un appel à contributions. Vous seul voyez le formulaire ; l’appel parvient aux entreprises, pas à ce canal.`,
};
