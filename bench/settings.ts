// What the sections share: the credential their load sends, the file whose cache hit they
// measure, and how long a measurement of hits lasts (BENCH_SECONDS, 10 s unless set).
export const HIT_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const TOKEN = 'bench-token-0123456789abcdef';
export const HIT_PATH = '/api/file/5e91c094efe27b0006489533';
