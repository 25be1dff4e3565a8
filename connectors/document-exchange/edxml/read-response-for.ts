import type { ElementReader } from './element-reader';
import type { EdxmlResponseFor } from './types';
import { withoutUndefined } from './without-undefined';

/** `ResponseFor`: the document answered, with its `Code` (`số/ký hiệu`) as one string. */
export function readResponseFor(responseFor: ElementReader): EdxmlResponseFor {
  return withoutUndefined({
    organId: responseFor.requireText('OrganId'),
    code: responseFor.requireText('Code'),
    promulgationDate: responseFor.date('PromulgationDate'),
    documentId: responseFor.requireText('DocumentId'),
  });
}
