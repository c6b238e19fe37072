/**
 * Routing of a new letter to the people inside a company who own its topics. The
 * result is frozen on the letter, so later directory edits do not reroute it.
 */
import type { Company, Route, Routing } from './types';

function normalize(topic: string): string {
  return topic.trim().toLowerCase();
}

function overlap(route: Route, topics: ReadonlySet<string>): number {
  return new Set(route.topics.map(normalize).filter((topic) => topics.has(topic))).size;
}

/** Why: the most specific matching route (most shared topics, then fewest topics, then first declared), for letters and calls alike. */
export function bestRoute(routes: Route[], letterTopics: string[]): Route | undefined {
  const topics = new Set(letterTopics.map(normalize));
  let best: { route: Route; score: number } | undefined;
  for (const route of routes) {
    const score = overlap(route, topics);
    if (score === 0) continue;
    const better =
      !best || score > best.score || (score === best.score && route.topics.length < best.route.topics.length);
    if (better) best = { route, score };
  }
  return best?.route;
}

/** Who a letter goes to, so the right issue owner sees it first and nobody is silently dropped. */
export function resolveRouting(company: Company, topics: string[], urgent: boolean): Routing {
  const route = bestRoute(company.routes, topics);
  const base = route ? route.owners : company.defaultContacts;
  const owners = [...new Set(urgent ? [...base, ...company.urgentLine] : base)];
  return {
    owners,
    backups: route ? [...route.backups] : [],
    escalation: [...company.escalationContacts],
    unrouted: owners.length === 0,
    matchedTopics: route ? [...route.topics] : [],
  };
}
