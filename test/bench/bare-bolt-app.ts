/**
 * The yardstick: a bare Bolt app that acks `/preletter` and does nothing else, with
 * the same receiver PreLetter uses (HTTPReceiver at /slack/events, ack before
 * processing) and a /readyz route. The bench compiles it to JavaScript and runs it
 * with plain `node`, exactly as PreLetter's build runs, so start-up, memory and ack
 * latency compare like with like. Settings come from the environment.
 */
import { App, HTTPReceiver } from '@slack/bolt';

const port = Number(process.env.PORT);
const signingSecret = process.env.SLACK_SIGNING_SECRET ?? '';
const receiver = new HTTPReceiver({
  signingSecret,
  endpoints: '/slack/events',
  processBeforeResponse: false,
  customRoutes: [
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"ready"}');
      },
    },
  ],
});
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command('/preletter', async ({ ack }) => {
  await ack();
});
void app.start(port);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
