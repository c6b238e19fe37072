/**
 * Español: las mismas claves que en.ts, en los términos de las Naciones Unidas
 * (comunicación, carta de alegación, llamamiento urgente, titular de mandato). Las
 * órdenes siguen siendo `cmd(...)`, escritas por cada adaptador; las fechas, en los formatos del lector.
 */
import type { CommandName } from '../../domain/command';
import type { LetterAction } from '../../domain/lifecycle';
import type { AuditAction, LetterStatus, LetterType, Platform } from '../../domain/types';
import type { Catalogue } from './catalogue';
import type { Formats } from './format';
import { callEs } from './call-es';
import { callFormEs } from './call-form-es';
import { flagClockEs } from './flag-clock-es';
import { flagEs } from './flag-es';
import { reportEs } from './report-es';
import { closed, cmd, commandList, s } from './text';

const TYPES: Record<LetterType, string> = { UA: 'Llamamiento urgente', AL: 'Carta de alegación', OL: 'Otra carta' };
const TYPES_LOWER: Record<LetterType, string> = { UA: 'llamamiento urgente', AL: 'carta de alegación', OL: 'otra carta' };
const STATUSES: Record<LetterStatus, string> = {
  'awaiting-ack': 'Pendiente de acuse de recibo',
  acknowledged: 'Recibo acusado',
  'awaiting-reply': 'Pendiente de respuesta',
  overdue: 'Vencida',
  replied: 'Respondida',
  withdrawn: 'Retirada',
};
const EVENTS: Record<AuditAction, string> = {
  previewed: 'Avance presentado',
  routed: 'Dirigida',
  posted: 'Publicada en el canal',
  'unrouted-alert': 'Administración alertada: nadie registrado',
  acknowledged: 'Recibo acusado',
  'formal-sent': 'Carta oficial enviada',
  replied: 'Respuesta registrada',
  withdrawn: 'Retirada',
};
const DOING: Record<LetterAction, string> = {
  acknowledge: 'acusar recibo',
  'mark-sent': 'marcarla como enviada',
  'record-reply': 'registrar la respuesta',
  withdraw: 'retirarla',
};
const DONE: Record<LetterAction, string> = {
  acknowledge: 'ya tenía acuse de recibo',
  'mark-sent': 'ya estaba marcada como enviada',
  'record-reply': 'ya tenía su respuesta registrada',
  withdraw: 'ya estaba retirada',
};
const PLATFORMS: Record<Platform, string> = { slack: 'Slack', teams: 'Microsoft Teams' };
const USAGE: Record<CommandName, string[]> = {
  preview: [],
  flag: [],
  call: [],
  status: ['[REF o empresa]'],
  ack: ['REF'],
  sent: ['REF', '[signatura oficial]'],
  replied: ['REF'],
  withdraw: ['REF', '[motivo]'],
  report: ['[período]'],
  help: [],
};
const DESCRIPTIONS: Record<CommandName, string> = {
  preview: 'Presentar el avance de una carta a una empresa en este canal.',
  flag: 'Plantear un problema a los procedimientos especiales en nombre de su empresa (abre un formulario).',
  call: 'Publicar una convocatoria de aportes a las empresas cuyos temas coinciden (abre un formulario; equipos de mandato).',
  status: 'Ver en qué punto están sus cartas, o una carta o empresa.',
  ack: 'Acusar recibo de una carta dirigida a usted.',
  sent: 'Marcar la carta oficial como enviada; así empieza el plazo de respuesta.',
  replied: 'Registrar la respuesta de la empresa a la carta oficial.',
  withdraw: 'Retirar una carta que no se enviará; el motivo, si lo indica, se muestra a la empresa.',
  report: 'Respuestas a tiempo (cartas, avisos, convocatorias), por empresa y mandato: un año, un mes o dos días (por defecto: 12 meses).',
  help: 'Mostrar estas órdenes.',
};
const FIELDS: Record<string, string> = {
  type: 'Tipo de carta',
  mandate: 'En nombre de qué mandato',
  topics: 'Temas',
  summary: 'Resumen',
  expectedDate: 'Fecha prevista de la carta oficial',
  urgent: 'Urgencia',
};
const EXAMPLE_REF = 'PL-2026-0007';
const ADMIN = 'la persona que administra PreLetter';

function left(days: number): string {
  if (days > 1) return `quedan ${days} días`;
  if (days === 1) return 'queda 1 día';
  if (days === 0) return 'vence hoy';
  return days === -1 ? '1 día de retraso' : `${-days} días de retraso`;
}

function reminded(f: Formats, people: Array<{ name: string; at: Date }>): string {
  if (people.length === 0) return '';
  const names = f.list(people.map((p) => `${p.name} (recordatorio el ${f.moment(p.at)})`));
  return ` ${names} no ${people.length === 1 ? 'ha' : 'han'} acusado recibo.`;
}


/** Why: the Spanish words, checked against the English shape by the Catalogue type. */
export const es: Catalogue = {
  // The report (report-es.ts)
  ...reportEs,
  // A flag's clocks (flag-clock-es.ts)
  ...flagClockEs,
  // Calls for input (call-es.ts)
  ...callEs,
  ...callFormEs,
  // Flags (flag-es.ts)
  ...flagEs,
  'letter.type': (a) => TYPES[a.type],
  'letter.status': (a) => STATUSES[a.status],
  'letter.event': (a) => EVENTS[a.action],
  'platform.name': (a) => PLATFORMS[a.platform],
  'time.left': (a) => left(a.days),
  'time.zone': (a) => `Horas en ${a.zone}.`,
  'label.status': () => 'Estado',
  'label.type': () => 'Tipo',
  'label.topics': () => 'Temas',
  'label.routed-to': () => 'Dirigida a',
  'label.expected': () => 'Carta oficial prevista',
  'label.acknowledged': () => 'Recibo acusado',
  'label.formal-sent': () => 'Carta oficial enviada',
  'label.replied': () => 'Respuesta registrada',
  'label.withdrawn': () => 'Retirada',
  'label.symbol': () => 'Signatura oficial',
  'label.reply-due': () => 'Respuesta esperada',
  'label.letter': () => 'Carta',
  'label.company': () => 'Empresa',
  'button.acknowledge': () => 'Acusar recibo',
  'button.mark-sent': () => 'Marcar la carta oficial como enviada',
  'button.record-reply': () => 'Registrar la respuesta',
  'button.withdraw': () => 'Retirar',
  'button.keep': () => 'Mantenerla',
  'button.open-thread': () => 'Abrir el hilo',
  'button.preview': () => 'Presentar',
  'button.cancel': () => 'Cancelar',
  'button.preview-letter': () => 'Avance de carta',
  'button.confirm': () => '¿Lo confirma?',

  'card.title': (a) => `${a.ref} · Avance de ${TYPES_LOWER[a.type]} para ${a.company}`,
  'card.from': (a) => `De parte de: ${a.mandate}.`,
  'card.type': (a) => `${TYPES[a.type]} (${a.type})${a.urgent ? ', urgente' : ''}`,
  'card.unrouted': () => 'Nadie registrado todavía: se ha alertado a la administración',
  'card.fact': (a, f) => `${a.name}, ${f.moment(a.at)}`,
  'card.due': (a, f) => `${f.moment(a.at)} (${left(a.days)})`,
  'card.footer': (a, f) => `Confidencial hasta su publicación. Avance presentado por ${a.name}, ${f.moment(a.at)}.`,
  'card.withdraw-title': (a) => `¿Retirar ${a.ref}?`,
  'card.withdraw-text': () => 'Se informará a la empresa de que la carta no se enviará, y todos los recordatorios se detendrán.',
  'card.direct-title': (a) => `Nuevo avance de carta dirigido a usted: ${a.title}`,
  'thread.title': () => 'Destinatarios',
  'thread.unrouted': (a) => `Todavía no hay nadie de ${a.company} registrado para estos temas. Se ha alertado a la administración de PreLetter.`,
  'thread.attention': (a) => s`A la atención de ${a.owners}. Les rogamos que acusen recibo de este avance.`,
  'thread.backups': (a, f) => `Suplencia si es necesario: ${f.list(a.names)}.`,
  'alert.unrouted-title': (a) => `${a.ref} no tiene a quién dirigirse`,
  'alert.unrouted': (a, f) =>
    `Un avance para ${a.company} sobre ${f.list(a.topics)} no encontró ninguna regla de enrutamiento ni contacto predeterminado. Añada al directorio una regla o contactos predeterminados para ${a.company}.`,

  'nudge.ack-title': (a) => `Recordatorio: le rogamos que acuse recibo de ${a.ref}`,
  'nudge.escalation-title': (a) => `Escalamiento: todavía no se ha acusado recibo de ${a.ref}`,
  'nudge.countdown-title': (a) => (a.days > 0 ? `${a.ref}: ${left(a.days)} para responder` : `${a.ref}: la respuesta vence hoy`),
  'nudge.overdue-title': (a) => `${a.ref}: la respuesta está vencida`,
  'nudge.ack': (a) =>
    `Este avance para ${a.company} está pendiente de acuse de recibo. Le rogamos que acuse recibo, o que indique al equipo del mandato, en el hilo, quién debe encargarse.`,
  'nudge.backups': (a, f) => `Usted es suplente para este avance dirigido a ${a.company}.${reminded(f, a.reminded)} Le rogamos que se asegure de que alguien acuse recibo.`,
  'nudge.executive': (a, f) =>
    `Usted es el contacto de escalamiento de ${a.company}.${reminded(f, a.reminded)} Le rogamos que se asegure de que alguien de ${a.company} acuse recibo.`,
  'nudge.overdue': (a, f) =>
    `La respuesta a la carta oficial debía llegar a más tardar el ${f.moment(a.deadline)}. Una respuesta tardía sigue siendo bienvenida, pero las respuestas recibidas fuera de plazo podrían no reflejarse en el informe del titular o la titular de mandato.`,
  'nudge.countdown': (a, f) =>
    `La respuesta de la empresa a la carta oficial debe llegar a más tardar el ${f.moment(a.deadline)}. Las respuestas recibidas dentro del plazo se reflejan en el informe del titular o la titular de mandato.`,
  'nudge.for': (a) => s`A la atención de ${a.people}:`,
  'nudge.letter': (a) => `${a.ref} · ${TYPES[a.type]} de ${a.mandate}`,
  'undelivered.post-title': (a) => `${a.ref} no se pudo publicar`,
  'undelivered.post': (a) =>
    `Lo intenté varias veces, pero no pude publicar ${a.ref} en el canal de ${a.company}, así que la empresa no la ha visto allí. Compruebe que PreLetter sigue en ese canal e informe a ${ADMIN}.`,
  'undelivered.title': (a) => `${a.reminder ? 'Un recordatorio' : 'Un mensaje'} sobre ${a.ref} no se pudo entregar`,
  'undelivered.text': (a) =>
    `Lo intenté varias veces, pero no pude entregar ${a.reminder ? 'un recordatorio' : 'un mensaje'} sobre ${a.ref} (${a.company}) a ${a.to === 'thread' ? 'el hilo de la carta' : a.to === 'admins' ? 'la administración de PreLetter' : a.name}. Le rogamos que haga el seguimiento directamente.`,

  'status.title': () => 'Sus cartas',
  'status.company-title': (a) => `Sus cartas a ${a.company}`,
  'status.none-company': () => 'No hay ninguna carta a esta empresa que usted pueda ver.',
  'status.none': () => s`Todavía no hay ninguna carta que usted pueda ver. Los equipos de mandato abren una con ${cmd('preview')} en el canal de una empresa.`,
  'status.count': (a) => `${a.count} ${a.count === 1 ? 'carta' : 'cartas'}, de la más reciente a la más antigua. Horas en ${a.zone}.`,
  'status.due': (a, f) => `${left(a.days)} (vence el ${f.moment(a.at)})`,
  'status.unknown-company': (a) =>
    s`No conozco ninguna empresa llamada «${a.name}» entre aquellas con las que usted trabaja. Pruebe con su nombre tal como aparece en las tarjetas de las cartas, o con ${cmd('status')} para ver todas sus cartas.`,
  'timeline.title': (a) => `Historial de ${a.ref}`,
  'timeline.about': (a) => `${TYPES[a.type]} de ${a.mandate} a ${a.company}.`,

  'help.title': () => 'Órdenes de PreLetter',
  'help.intro': () =>
    'PreLetter abre un hilo para cada avance de carta, lo dirige a la persona adecuada de la empresa y lleva el plazo de respuesta de 60 días.',
  'help.command': (a) => s`${cmd(a.name, ...USAGE[a.name])}: ${DESCRIPTIONS[a.name]}`,
  'help.description': (a) => DESCRIPTIONS[a.name],
  'help.commands': () => s`Órdenes: ${commandList(USAGE)}.`,
  'command.unknown': (a) =>
    s`«${a.word}» no es una orden de PreLetter.${a.guess ? s` ¿Quiso decir ${cmd(a.guess)}?` : ''} Órdenes: ${commandList(USAGE)}.`,
  'command.extra': (a) => s`Le rogamos que quite «${a.extra}»: ${a.name} se usa así: ${cmd(a.name, ...USAGE[a.name])}.`,
  'command.ref-missing': (a) => s`Falta la referencia de la carta: ${a.name} necesita una, por ejemplo ${cmd(a.name, EXAMPLE_REF)}.`,
  'command.ref-invalid': (a) => `«${a.typed}» no es una referencia de carta: tiene la forma ${EXAMPLE_REF}.`,
  'command.invalid': (a) => s`El campo ${a.field} de ${a.name} no es válido: use la orden así: ${cmd(a.name, ...USAGE[a.name])}.`,
  'command.preview-here': () =>
    s`Los avances de carta se presentan en el canal que comparte con la empresa, así que aquí no se ha creado nada. Escriba ${cmd('preview')} en ese canal.`,

  'action.forbidden-owner': (a) =>
    `Solo las personas a las que va dirigida ${a.ref}, o los contactos de su empresa, pueden ${DOING[a.action]}. Si le corresponde a usted, pida a ${ADMIN} que actualice el directorio de enrutamiento.`,
  'action.forbidden-team': (a) =>
    `Solo el equipo del mandato de ${a.ref} puede ${DOING[a.action]}. Si usted forma parte de ese equipo, pida a ${ADMIN} que le añada.`,
  'action.withdrawn': (a, f) =>
    `${a.ref} se retiró el ${f.moment(a.at)}, así que ya no puede ${DOING[a.action]}. Si vuelve a ser necesaria, el equipo del mandato puede presentar el avance de una nueva carta.`,
  'action.replied': (a, f) =>
    `La respuesta a ${a.ref} se registró el ${f.moment(a.at)}, así que ya no puede ${DOING[a.action]}. La respuesta queda registrada.`,
  'action.already': (a, f) => `${a.ref} ${DONE[a.action]}: lo hizo ${a.name} el ${f.moment(a.at)}.`,
  'action.not-sent': (a) =>
    s`La carta oficial de ${a.ref} todavía no se ha marcado como enviada, así que su respuesta no se puede registrar. Márquela primero como enviada con ${cmd('sent', a.ref)} y, después, registre la respuesta.`,
  'action.changed': (a) => `${a.ref} cambió mientras usted actuaba. Le rogamos que lo intente de nuevo.`,
  'action.thread-behind': () => 'Queda registrado, pero no pude actualizar el hilo de la carta; la tarjeta se pondrá al día con el próximo cambio.',
  'ack.title': (a) => `Recibo de ${a.ref} acusado`,
  'ack.note': (a) => `${a.name} acusó recibo de este avance. Los recordatorios de acuse de recibo terminan aquí.`,
  'ack.done': (a) => `Gracias: se ha acusado recibo de ${a.ref}. El equipo del mandato lo ve en el hilo.`,
  'sent.title': (a) => `Carta oficial enviada para ${a.ref}`,
  'sent.note': (a, f) =>
    `${a.name} marcó la carta oficial como enviada${a.symbol ? ` (${a.symbol})` : ''}: la respuesta debe llegar a más tardar el ${f.moment(a.deadline)} (${a.days} días).`,
  'sent.done': (a, f) =>
    `Queda registrado: la carta oficial de ${a.ref} se ha enviado, y la respuesta debe llegar a más tardar el ${f.moment(a.deadline)} (${a.days} días).`,
  'reply.title': (a) => `Respuesta registrada para ${a.ref}`,
  'reply.note': (a) => `${a.name} registró la respuesta de la empresa. Gracias; no se enviarán más recordatorios.`,
  'reply.done': (a) => `Queda registrado: ${a.ref} tiene su respuesta. Todos los recordatorios se han detenido.`,
  'withdraw.title': (a) => `${a.ref} retirada`,
  'withdraw.note': (a) =>
    `${a.name} retiró este avance de carta${a.reason ? `: ${closed(a.reason)}` : '.'} La empresa no tiene que hacer nada.`,
  'withdraw.done': (a) => `${a.ref} se ha retirado, y todos los recordatorios se han detenido.`,

  'preview.not-bound': () =>
    `Este canal no está vinculado a ninguna empresa en el directorio de PreLetter, así que no se ha creado nada. Presente el avance en el canal que comparte con la empresa, o pida a ${ADMIN} que vincule este canal.`,
  'preview.not-team': () =>
    `Solo los miembros de un equipo de mandato pueden presentar avances de carta. Si usted apoya un mandato, pida a ${ADMIN} que le añada a su equipo.`,
  'preview.no-topics': (a) =>
    `No hay temas registrados para ${a.company} o sus mandatos que el formulario pueda ofrecer, así que no se ha creado nada. Pida a ${ADMIN} que añada temas al directorio.`,
  'preview.topics': (a) =>
    `Temas: elija entre 1 y ${a.max} de los temas que el formulario ofrece para ${a.company}.${a.unknown === undefined ? '' : ` «${a.unknown}» no es uno de ellos.`} No se ha creado nada.`,
  'preview.not-your-mandate': () => 'Usted no forma parte del equipo del mandato elegido, así que no se ha creado nada. Elija uno de sus propios mandatos.',
  'preview.which-mandate': () => 'Mandato: usted forma parte de varios equipos de mandato; elija en nombre de qué mandato se envía esta carta.',
  'preview.saved-title': (a) => `Avance ${a.ref} guardado`,
  'preview.opened-title': (a) => `Avance ${a.ref} abierto`,
  'preview.not-confirmed': (a) =>
    `${a.ref} está guardada, pero todavía no he podido confirmar que su tarjeta esté en el canal de la empresa. Si aún no está allí, la publicaré en cuanto pueda y se informará entonces a las personas a las que va dirigida; usted no tiene que hacer nada.`,
  'preview.no-access': (a) =>
    `${a.ref} está guardada, pero ${PLATFORMS[a.platform]} no permite a PreLetter publicar en el canal de la empresa, así que todavía no está allí. Añada PreLetter a ese canal (o pida a ${ADMIN} que compruebe que sigue siendo el canal de la empresa): seguiré intentándolo durante un cuarto de hora y la publicaré en cuanto pueda. No presente el avance otra vez.`,
  'preview.refused': (a) =>
    `${a.ref} está guardada, pero ${PLATFORMS[a.platform]} todavía no ha aceptado la tarjeta, así que no está en el canal de la empresa. Aparecerá allí en cuanto ${PLATFORMS[a.platform]} responda, y se informará entonces a las personas a las que va dirigida; usted no tiene que hacer nada.`,
  'preview.unrouted': (a, f) =>
    `${a.ref} está guardada y publicada, pero no hay nadie de ${a.company} registrado para ${f.list(a.topics)}. Se ha alertado a la administración de PreLetter; la carta espera en el canal de la empresa hasta que alguien acuse recibo.`,
  'preview.open': (a, f) => `${a.ref} está abierta en el canal de la empresa y dirigida a ${f.list(a.names)}.`,
  'preview.dm-lost': (a, f) => `No pude enviar un mensaje directo a ${f.list(a.names)}; seguirán viendo la mención en el hilo.`,
  'preview.dm-later': (a, f) => `Mi mensaje directo a ${f.list(a.names)} todavía no ha llegado; seguiré intentándolo.`,

  'form.title': () => 'Avance de carta',
  'form.intro': (a) =>
    `Avance de una carta a ${a.company}. Se publica solo en el canal de la empresa, se dirige a la persona responsable del tema en la empresa y es confidencial hasta su publicación.`,
  'form.field': (a) => FIELDS[a.field] ?? a.field,
  'form.topics-hint': () => 'Determinan a quién se dirige el avance dentro de la empresa.',
  'form.summary-hint': (a) => `Un breve aviso, no la carta en sí: ${a.max} caracteres como máximo.`,
  'form.urgent-option': () => 'Urgente: usar los plazos cortos de recordatorio (siempre en los llamamientos urgentes)',
  'form.correct': () => 'Le rogamos que corrija los campos marcados en rojo.',
  'form.choose-type': () => 'Elija el tipo de carta.',
  'form.choose-mandate': () => 'Elija el mandato en cuyo nombre se envía esta carta.',
  'form.choose-topic': () => 'Elija al menos un tema.',
  'form.topic-not-offered': (a) => `«${a.topic}» ya no figura entre los temas ofrecidos para este canal. Elija uno de la lista.`,
  'form.write-summary': () => 'Escriba un breve resumen de la carta.',
  'form.summary-long': (a) => `El resumen tiene ${a.length} caracteres; el límite es ${a.max}. Le rogamos que lo acorte.`,
  'form.use-picker': () => 'Elija la fecha con el selector de fechas.',
  'form.past-date': () => 'Esa fecha ya pasó. Elija la fecha en que prevé enviar la carta oficial, hoy o más adelante.',
  'form.toggle-urgent': () => 'Active o desactive la urgencia.',
  'form.unreadable': (a) => `PreLetter no pudo leer este campo (${a.field}). Le rogamos que lo rellene de nuevo.`,
  'form.out-of-date': () => s`Este formulario de avance ya no está vigente. Escriba de nuevo ${cmd('preview')} en el canal de la empresa.`,
  'form.from-command': () => s`El formulario de avance se abre con la orden: escriba ${cmd('preview')} en el canal de la empresa.`,
  'form.sent-privately': (a) =>
    `${a.name}, le envié el formulario de avance en nuestro chat privado, para que aquí no se escriba nada confidencial. El avance se publicará en este canal.`,
  'form.dialog-card': () => 'Presentar el avance de una carta a la empresa de este canal. El formulario se abre solo para usted.',
  'form.dialog-or-chat': () => 'Si el formulario no se abre aquí, PreLetter puede enviárselo a su chat privado.',
  'button.open-form': () => 'Abrir el formulario',
  'button.form-to-chat': () => 'Enviarlo a mi chat',
  'form.in-chat': () => 'El formulario de avance está en su chat privado con PreLetter. El avance se publicará en este canal.',
  'form.done': (a) => `El avance ${a.ref} está publicado en este canal.`,
  'card.view-elsewhere': () => 'Esta tarjeta solo está activa en el canal propio de la carta.',
  'bridge.title': () => 'Copia del equipo del mandato',
  'bridge.mirrored': (a) =>
    `Esta es la copia, para el equipo del mandato, de una carta publicada en el canal de ${a.platform} de ${a.company}. Los botones y las órdenes también funcionan aquí; los mensajes de este hilo y del de la empresa se transmiten en ambos sentidos, con el nombre de su autor.`,
  'relay.title': (a) => `${a.name}, en ${a.platform}`,
  'relay.someone': (a) => `Una persona en ${a.platform}`,
  'relay.edited': () => '(editado)',
  'relay.deleted': () => 'El autor eliminó este mensaje.',

  'thread.nothing-to-ack-title': () => 'Nada de qué acusar recibo',
  'thread.nothing-to-ack': () =>
    s`Este hilo no es el de una carta, así que aquí no hay nada de qué acusar recibo. Use ${cmd('ack', 'REF')} con la referencia de la carta.`,
  'click.working': () => 'PreLetter todavía está en ello; la tarjeta se actualizará en un momento.',
  'click.repeated': () => 'Ya está hecho: PreLetter actúa una sola vez por cada clic.',
  'click.done': () => 'Hecho. La tarjeta no se pudo actualizar aquí; mostrará el nuevo estado la próxima vez que se abra.',
  'click.unknown-button': () => s`Este botón ya no se usa. Escriba ${cmd('status')} para ver en qué punto están sus cartas.`,
  'form.not-yours': () => s`Otra persona abrió este formulario de avance, así que no se ha creado nada. Escriba ${cmd('preview')} en el canal de la empresa para obtener el suyo.`,
  'form.used': () => s`Este formulario de avance ya se envió, así que no se ha creado nada nuevo. ${cmd('status')} enumera sus cartas.`,
  'click.unreadable': () => 'No se pudo leer el clic en el botón (ref: no es una referencia de carta). Le rogamos que lo intente de nuevo.',

  'actor.unknown': (a) =>
    `Todavía no conozco su cuenta de ${PLATFORMS[a.platform]}, así que no puedo actuar en su nombre. Pida a ${ADMIN} que la añada al directorio de enrutamiento, y facilítele estos identificadores: ${
      a.platform === 'teams' ? `inquilino de Microsoft Teams ${a.workspaceId}, identificador de objeto de Azure AD ${a.userId}` : `espacio de trabajo de Slack ${a.workspaceId}, usuario ${a.userId}`
    }.`,
  'letter.not-found': (a) =>
    s`No encuentro ninguna carta con la referencia ${a.ref} entre las que usted puede ver. Compruébela con ${cmd('status')}, que las enumera.`,
  'letter.directory-gap': (a) => `El directorio ya no incluye el mandato o la empresa de ${a.ref}. Pida a ${ADMIN} que los restablezca.`,

  'install.title': () => 'PreLetter está instalado en este equipo',
  'install.bind': () =>
    `PreLetter publica los avances de carta de una empresa solo en los canales vinculados a esa empresa en su directorio de enrutamiento. Para vincular este canal, ${ADMIN} añade esta línea bajo los canales de la empresa en el archivo del directorio e importa el archivo:`,
  'install.other-channel': () =>
    'Para otro canal de este equipo, use «Obtener vínculo al canal»: su channelId es la parte que sigue a /channel/ en ese vínculo, descodificada (empieza por 19:), con el mismo workspaceId.',
  'install.tenant': () => 'workspaceId (inquilino)',
  'install.channel': () => 'channelId (este canal)',
  'home.intro': () => s`PreLetter: avances de cartas a empresas y su plazo de respuesta de 60 días. Escriba ${cmd('help')} en cualquier canal para ver las órdenes.`,
  'welcome.title': () => 'Le damos la bienvenida a PreLetter',
  'welcome.what': () =>
    'PreLetter ayuda a los titulares de mandato de los procedimientos especiales de las Naciones Unidas a presentar a las empresas un avance de sus cartas oficiales: cada avance abre un hilo en el canal compartido con la empresa, se dirige a la persona adecuada y el plazo de respuesta de 60 días se sigue con recordatorios.',
  'welcome.next': () =>
    s`En este chat puede escribir ${cmd('status')} para ver sus cartas, o ${cmd('help')} para ver todas las órdenes. Los equipos de mandato presentan un avance con ${cmd('preview')} en el canal de la empresa.`,
  'welcome.account': (a) =>
    `Si PreLetter todavía no le conoce, facilite a ${ADMIN} estos identificadores: inquilino de Microsoft Teams ${a.workspaceId}, identificador de objeto de Azure AD ${a.userId}.`,

  'error.title': () => 'No se pudo hacer',
  'error.internal': () =>
    `Lo sentimos, algo falló por nuestra parte y no se ha cambiado nada. Le rogamos que lo intente de nuevo en un minuto; si sigue ocurriendo, informe a ${ADMIN}.`,
  'error.unavailable': () => 'PreLetter no puede acceder a sus registros en este momento, así que no se ha cambiado nada. Le rogamos que lo intente de nuevo en un minuto.',
  'error.no-access': (a) =>
    `${PLATFORMS[a.platform]} no permitió a PreLetter publicar allí. Compruebe que PreLetter está añadido a ese canal o chat y vuelva a intentarlo; si sigue fallando, informe a ${ADMIN}.`,
  'error.busy': (a) => `${PLATFORMS[a.platform]} está muy ocupado en este momento y no aceptó el mensaje tras varios intentos. Le rogamos que lo intente de nuevo dentro de unos minutos.`,
  'error.unreachable': (a) =>
    `No se pudo contactar con ${PLATFORMS[a.platform]}, así que la solicitud no se completó. No se ha perdido nada: le rogamos que lo intente de nuevo en un minuto.`,
  'error.refused': (a) => `${PLATFORMS[a.platform]} no aceptó la solicitud, así que no se completó. No se ha perdido nada: le rogamos que lo intente de nuevo en un minuto.`,
  'error.expired-trigger': (a) =>
    `El formulario tardó demasiado en abrirse, así que ${PLATFORMS[a.platform]} no lo mostró. No se ha cambiado nada: le rogamos que vuelva a ejecutar la orden.`,
  'error.unreadable': (a) =>
    `${PLATFORMS[a.platform]} envió algo que PreLetter no pudo leer (${a.field}). Le rogamos que lo intente de nuevo; si sigue ocurriendo, informe a ${ADMIN}.`,
};
