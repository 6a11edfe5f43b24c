/**
 * Takes over what an earlier attempt created: looks `ref` up with `find` (the contact's tasks or
 * notes holding one of the refs given: ref → id); a hit is recorded in `adopted` and returned.
 * @example const id = await adoptByRef((refs) => findByRef('tasks', refs), refs.task, adopted)
 */
export async function adoptByRef(find: (refs: string[]) => Promise<Map<string, string>>, ref: string, adopted: string[]): Promise<string | undefined> {
  const id = (await find([ref])).get(ref);
  if (id !== undefined) adopted.push(id);
  return id;
}
