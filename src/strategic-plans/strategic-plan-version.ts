import { createHash } from 'node:crypto';

/** What a plan's version is computed from: its content as one reader sees it. */
export type PlanContent = {
  agencyId: string;
  title: string;
  fiscalYearFrom: number;
  fiscalYearTo: number;
  goals: { title: string; description: string | null; activities: { title: string; description: string | null; programIds: number[] }[] }[];
};

/**
 * A plan's content version: a short sha256 of its canonical JSON (agency, title, years, goals,
 * activities, linked program ids). Plans have no version column, and a content hash needs none:
 * any change to what the reader sees changes it. It is computed over what the reader may see,
 * so it says nothing about linked programs hidden from them (the service keeps those links).
 */
export function planVersion(content: PlanContent): string {
  const canonical = JSON.stringify([
    content.agencyId,
    content.title,
    content.fiscalYearFrom,
    content.fiscalYearTo,
    content.goals.map((goal) => [
      goal.title,
      goal.description,
      goal.activities.map((activity) => [
        activity.title,
        activity.description,
        [...activity.programIds].sort((left, right) => left - right),
      ]),
    ]),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
