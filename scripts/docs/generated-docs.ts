import { configurationJsonSchema, renderConfigurationReference } from './render-configuration-reference';
import { renderSchemaReference } from './render-schema-reference';

/** Every generated reference: its path from the repository root and its text. */
export function generatedDocs(): Array<{ file: string; text: string }> {
  return [
    { file: 'docs/schema.md', text: renderSchemaReference() },
    { file: 'docs/configuration.md', text: renderConfigurationReference() },
    { file: 'docs/configuration.schema.json', text: `${JSON.stringify(configurationJsonSchema(), null, 2)}\n` },
  ];
}
