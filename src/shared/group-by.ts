/**
 * Groups items by a key, in the order each key is first met, each group in the items' order;
 * `value` picks what is kept of an item (the item itself when omitted).
 */
export function groupBy<Item, Key, Value = Item>(
  items: Iterable<Item>,
  key: (item: Item) => Key,
  value: (item: Item) => Value = (item) => item as unknown as Value,
): Map<Key, Value[]> {
  const groups = new Map<Key, Value[]>();
  for (const item of items) {
    const itemKey = key(item);
    const group = groups.get(itemKey);
    if (group) group.push(value(item));
    else groups.set(itemKey, [value(item)]);
  }
  return groups;
}
