import { runScale } from './scale.js';
const n = Number(process.argv[2] ?? 300000);
const r = runScale(n, JSON.parse(process.argv[3] ?? "{}"), () => {}, Number(process.argv[4] ?? 100000));
for (const s of r.segments) console.log(JSON.stringify(s));
console.log(r.articlesPerSecond, r.steadyArticlesPerSecond, r.peakRssMB, JSON.stringify(r.quality), r.seconds);
