import { catalogPage } from './src/catalog-page';
import { readAndParse, validate } from './src/validation';
import { timeInProcess } from './src/measure';
const ws = process.argv[2];
console.log('validate', timeInProcess(() => validate(ws), 5));
console.log('parse', timeInProcess(() => readAndParse(ws), 5));
console.log('page', timeInProcess(() => catalogPage(ws), 5));
