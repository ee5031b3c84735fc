/** A plan's goals and activities as stored, with the linked programs the writer may not see. */
export type StoredOutline = { title: string; activities: { title: string; hiddenProgramIds: number[] }[] }[];

/** What a plan becomes: the goal and activity titles of the writer's input, in order. */
export type NewOutline = { title: string; activities: { title: string }[] }[];

const same = (left: string, right: string) => left.trim() === right.trim();

/**
 * For each old row, the new row that continues it: the row with the same title (the n-th of
 * that title for the n-th), else the row at the same place unless that one continues another
 * row by its title (a title changed in place); undefined when the row was removed.
 */
function continuations(oldTitles: string[], newTitles: string[]): (number | undefined)[] {
  const byTitle = oldTitles.map((title, index) => {
    const rank = oldTitles.slice(0, index).filter((other) => same(other, title)).length;
    return newTitles.flatMap((other, newIndex) => (same(other, title) ? [newIndex] : []))[rank];
  });
  const taken = new Set(byTitle.filter((index) => index !== undefined));
  return byTitle.map((match, index) => match ?? (index < newTitles.length && !taken.has(index) ? index : undefined));
}

/**
 * Where the links to programs the writer may not see go when the writer replaces the plan's
 * goals and activities: the writer can neither see nor remove them, so each stays with its
 * activity — the activity that continues it under the goal that continues its goal (see
 * `continuations`). A link whose activity or goal the writer removed goes with it. The result
 * holds, per new goal and activity, the program ids to link besides the writer's own.
 */
export function carryHiddenLinks(stored: StoredOutline, next: NewOutline): number[][][] {
  const carried = next.map((goal) => goal.activities.map(() => [] as number[]));
  const titles = (rows: { title: string }[]) => rows.map((row) => row.title);
  const goals = continuations(titles(stored), titles(next));
  stored.forEach((goal, goalIndex) => {
    const newGoal = goals[goalIndex];
    if (newGoal === undefined) return;
    const activities = continuations(titles(goal.activities), titles(next[newGoal]!.activities));
    goal.activities.forEach((activity, activityIndex) => {
      const newActivity = activities[activityIndex];
      if (newActivity !== undefined) carried[newGoal]![newActivity]!.push(...activity.hiddenProgramIds);
    });
  });
  return carried;
}
