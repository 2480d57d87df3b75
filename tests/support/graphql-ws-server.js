// An independent graphql-transport-ws peer: graphql-ws and graphql from npm on a ws server.
//   node graphql-ws-server.js [PORT]     prints "PORT n" once listening (on PORT when given); exits when stdin closes
// Schema: subscription { greetings: String } gives Hi, Bonjour, Hola then completes;
//         subscription { ticks(every: Int!): Int } counts up for ever;
//         mutation { say(text: String!): String } prints "SAID <text>" and answers the text.
// A connection_init payload must carry {"token":"s3cret"}, else the server closes with 4403.
'use strict';
const { WebSocketServer } = require('ws');
const { useServer } = require('graphql-ws/use/ws');
const { buildSchema } = require('graphql');

const schema = buildSchema(`
  type Query { hello: String }
  type Mutation { say(text: String!): String }
  type Subscription { greetings: String, ticks(every: Int!): Int }
`);
const roots = {
  query: { hello: () => 'world' },
  mutation: { say: ({ text }) => { console.log(`SAID ${text}`); return text; } },
  subscription: {
    greetings: async function* () { for (const hi of ['Hi', 'Bonjour', 'Hola']) yield { greetings: hi }; },
    ticks: async function* ({ every }) {
      for (let n = 1; ; n++) { await new Promise((r) => setTimeout(r, every)); yield { ticks: n }; }
    },
  },
};

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2] || 0) });
useServer({
  schema,
  roots,
  onConnect: (ctx) => Boolean(ctx.connectionParams && ctx.connectionParams.token === 's3cret'),
}, wss);
wss.on('listening', () => console.log(`PORT ${wss.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
