/** The edXML namespace of QCVN 102:2016; the samples bind it both as default and as `edXML:`. */
export const EDXML_NAMESPACE = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** The W3C XML Signature namespace an enveloped `Signature` belongs in. */
export const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
