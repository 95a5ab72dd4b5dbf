import * as path from 'path';
import { checkReadmeExamples, README_EXAMPLES } from '../languages/readme-examples';

describe('README examples per language', () => {
  test('the Python, Java, C# and Go examples are the consumer apps of languages/, verbatim', () => {
    // THEN: `npx projen test:languages` runs these very files; a drift fails here in seconds
    expect(checkReadmeExamples(path.join(__dirname, '..'))).toEqual([]);
    expect(README_EXAMPLES).toHaveLength(4);
  });
});
