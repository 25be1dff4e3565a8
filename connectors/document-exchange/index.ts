/** The document-exchange connector's public face; for now, the edXML library. */
export * from './edxml';
