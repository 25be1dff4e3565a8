import type { EdxmlEnvelope } from './read-edxml-envelope';
import { readAttachments } from './read-attachments';
import { readBusiness } from './read-business';
import { readOrgan } from './read-organ';
import { readResponseFor } from './read-response-for';
import { readSignature } from './read-signature';
import { readTraces } from './read-traces';
import type { EdxmlDocument } from './types';
import { withoutUndefined } from './without-undefined';

/** The document message in an envelope (QCVN 102:2016, MessageHeader of a văn bản). */
export function readDocument({ root, envelope, header, messageHeader: message }: EdxmlEnvelope): EdxmlDocument {
  const to = message.children('To');
  if (to.length === 0) message.requireChild('To'); // throws: a document names at least one receiver
  const code = message.requireChild('Code');
  const promulgation = message.child('PromulgationInfo');
  const type = message.child('DocumentType');
  const signer = message.child('SignerInfo');
  const other = message.child('OtherInfo');
  const traceHeaderList = header.child('TraceHeaderList');

  return withoutUndefined({
    from: readOrgan(message.requireChild('From')),
    to: to.map(readOrgan),
    documentId: message.requireText('DocumentId'),
    code: { codeNumber: code.requireText('CodeNumber'), codeNotation: code.requireText('CodeNotation') },
    promulgationInfo: withoutUndefined({ place: promulgation?.text('Place'), date: promulgation?.date('PromulgationDate') }),
    documentType: withoutUndefined({ type: type?.integer('Type'), typeDetail: type?.integer('TypeDetail'), typeName: type?.text('TypeName') }),
    subject: message.text('Subject'),
    content: message.text('Content'),
    signerInfo: withoutUndefined({ competence: signer?.text('Competence'), position: signer?.text('Position'), fullName: signer?.text('FullName') }),
    dueDate: message.date('DueDate'),
    toPlaces: message.child('ToPlaces')?.texts('Place') ?? [],
    otherInfo: withoutUndefined({
      priority: other?.integer('Priority'),
      sphereOfPromulgation: other?.text('SphereOfPromulgation'),
      typerNotation: other?.text('TyperNotation'),
      promulgationAmount: other?.integer('PromulgationAmount'),
      pageAmount: other?.integer('PageAmount'),
      direction: other?.boolean('Direction'),
      appendixes: other?.child('Appendixes')?.texts('Appendix') ?? [],
    }),
    steeringType: message.integer('SteeringType'),
    responseFor: message.children('ResponseFor').map(readResponseFor),
    traces: readTraces(traceHeaderList),
    business: readBusiness(traceHeaderList?.child('Bussiness', 'Business')),
    attachments: readAttachments(root, envelope),
    signature: readSignature([header, envelope, root]),
  });
}
