import Database from 'better-sqlite3';
const db = new Database('/tmp/agg2/pristine.db', { readonly: true });
const t = (name, f) => { const s = performance.now(); const r = f(); console.log(name.padEnd(40), ((performance.now() - s)/1000).toFixed(3), 's', r); };
const w = process.argv[2];
if (w==='len') t('iterate lengths only', () => { let n=0; for (const r of db.prepare("select id, length(item_id), length(source), length(label) from votes where label is not null order by id").raw(true).iterate()) n++; return n; });
if (w==='inline') t('iterate + inline coding', () => {
  const n = db.prepare("select count(*) from votes where label is not null").pluck().get();
  const ids=new Float64Array(n), it=new Int32Array(n), so=new Int32Array(n), la=new Int32Array(n);
  const mi=new Map(), ms=new Map(), ml=new Map(); let i=0;
  for (const r of db.prepare("select id, item_id, source, label, case when source like 'human:%' then null else probabilities end from votes where label is not null order by id").raw(true).iterate()) {
    ids[i]=r[0]; let c=mi.get(r[1]); if(c===undefined){c=mi.size;mi.set(r[1],c);} it[i]=c;
    c=ms.get(r[2]); if(c===undefined){c=ms.size;ms.set(r[2],c);} so[i]=c;
    c=ml.get(r[3]); if(c===undefined){c=ml.size;ml.set(r[3],c);} la[i]=c; i++; }
  return i; });
