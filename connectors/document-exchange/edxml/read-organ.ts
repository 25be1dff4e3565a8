import type { ElementReader } from './element-reader';
import type { EdxmlOrgan } from './types';
import { withoutUndefined } from './without-undefined';

/** `From` or `To`. Some SDKs write `OrganInCharge` for the standard's `OrganizationInCharge`. */
export function readOrgan(organ: ElementReader): EdxmlOrgan {
  return withoutUndefined({
    organId: organ.requireText('OrganId'),
    organizationInCharge: organ.text('OrganizationInCharge', 'OrganInCharge'),
    organName: organ.text('OrganName'),
    organAdd: organ.text('OrganAdd'),
    email: organ.text('Email'),
    telephone: organ.text('Telephone'),
    fax: organ.text('Fax'),
    website: organ.text('Website'),
  });
}
