/**
 * Where a kind's status URLs are: the last segment is an item of
 * `collection`, in either of Graph's spellings (`…/operations/{id}`,
 * `…/operations('{id}')`). A resumed handle whose status URL is elsewhere is
 * refused before its first token-bearing poll.
 */
export function statusPathIn(collection: string): RegExp {
  return new RegExp(`/${collection.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:/[^/]+|\\('[^/]+'\\))$`, 'i');
}

/** The status URL of a family's operation: an item of an `operations` collection. */
export const OPERATIONS = statusPathIn('operations');
