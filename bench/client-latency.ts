/**
 * How much time sendSms adds on top of a bare fetch of the same request, against the local emulator.
 * sendSms is built on node:http, so a bare node:http request is measured too: the difference to it
 * is the client's own work (request building, redaction, parsing, classification).
 * Run: npx tsx bench/client-latency.ts [sends per side, default 2000]
 * Goal: under 1 ms more than the bare fetch at the median.
 */
import http from 'node:http'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { sendSms, type SendSmsRequest } from '../src-main/genauth/client'
import { startEmulator } from '../src-main/emulator/server'

const APP_ID = 'bench-app'
const WARM_UP = 300
const count = Number(process.argv[2] ?? 2000)

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN
}

function phone(i: number): string {
  return `139${String(i).padStart(8, '0')}`
}

async function main(): Promise<void> {
  if (!Number.isInteger(count) || count < 10) throw new Error('give a whole number of sends, at least 10')
  // No cooldown, so every send gets the same success answer whatever the number.
  const emulator = await startEmulator({ appIds: [APP_ID], cooldownMs: 0 })
  const base: Omit<SendSmsRequest, 'phoneNumber'> = {
    appHost: emulator.url,
    appId: APP_ID,
    channel: 'CHANNEL_LOGIN',
    lang: 'en-US',
    timeoutMs: 10_000,
  }
  const url = `${emulator.url}/api/v3/send-sms`
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json',
    'x-authing-app-id': APP_ID,
    'x-authing-lang': 'en-US',
    'x-authing-request-from': 'genauth-sms-console',
    'x-authing-sdk-version': 'genauth-sms-console:bench',
  }

  const viaClient = async (i: number): Promise<number> => {
    const started = performance.now()
    const result = await sendSms({ ...base, phoneNumber: phone(i) }, { appVersion: 'bench' })
    const elapsed = performance.now() - started
    if (result.kind !== 'success') throw new Error(`sendSms answered ${result.kind}`)
    return elapsed
  }
  const viaFetch = async (i: number): Promise<number> => {
    const started = performance.now()
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ channel: base.channel, phoneNumber: phone(i) }),
    })
    const text = await response.text()
    const elapsed = performance.now() - started
    if (!text.includes('"statusCode":200')) throw new Error(`fetch answered ${text}`)
    return elapsed
  }

  const agent = new http.Agent({ keepAlive: true })
  const viaHttp = (i: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = performance.now()
      const body = JSON.stringify({ channel: base.channel, phoneNumber: phone(i) })
      const request = http.request(url, { method: 'POST', headers, agent }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => {
          const elapsed = performance.now() - started
          if (text.includes('"statusCode":200')) resolve(elapsed)
          else reject(new Error(`node:http answered ${text}`))
        })
      })
      request.on('error', reject)
      request.end(body)
    })

  for (let i = 0; i < WARM_UP; i += 1) {
    await viaClient(i)
    await viaFetch(i)
    await viaHttp(i)
  }
  emulator.reset()

  // Interleaved, so drift in the machine's load falls on both sides alike.
  const client: number[] = []
  const bare: number[] = []
  const bareHttp: number[] = []
  for (let i = 0; i < count; i += 1) {
    client.push(await viaClient(WARM_UP + i))
    bare.push(await viaFetch(WARM_UP + i))
    bareHttp.push(await viaHttp(WARM_UP + i))
    if (i % 500 === 499) emulator.reset()
  }
  agent.destroy()
  await emulator.close()

  for (const values of [client, bare, bareHttp]) values.sort((a, b) => a - b)
  const row = (label: string, values: number[]): string =>
    `${label.padEnd(12)} median ${percentile(values, 0.5).toFixed(3)} ms   p95 ${percentile(values, 0.95).toFixed(3)} ms`
  const cpus = os.cpus()
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, Node ${process.version}, ${os.platform()} ${os.release()}`,
  )
  console.log(`${count} sends each, after ${WARM_UP} warm-up sends each, interleaved`)
  console.log(row('sendSms', client))
  console.log(row('bare fetch', bare))
  console.log(row('bare http', bareHttp))
  const diff = (label: string, other: number[]): number => {
    const median = percentile(client, 0.5) - percentile(other, 0.5)
    const p95 = percentile(client, 0.95) - percentile(other, 0.95)
    console.log(`sendSms - ${label.padEnd(10)} median ${median.toFixed(3)} ms   p95 ${p95.toFixed(3)} ms`)
    return median
  }
  const medianDiff = diff('bare fetch', bare)
  diff('bare http', bareHttp)
  console.log(`goal (< 1 ms added at the median): ${medianDiff < 1 ? 'met' : 'NOT met'}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
