import { SmsChannel } from '../shared/contract/channels'
import { ACCESS_TOKEN_VARIABLE, type RequestParts } from './request-parts'
import { headerNote, type SdkName } from './sdk-headers'

/** A string literal for JavaScript, Java, Go and Python alike: the values are visible ASCII or digits. */
const literal = (value: string): string => JSON.stringify(value)

const comments = (marker: string, lines: string[]): string[] => lines.map((line) => `${marker} ${line}`)

/** `AuthenticationClient.sendSms` of authing-node-sdk (npm). */
function node(parts: RequestParts): string {
  return [
    '// npm install authing-node-sdk',
    ...comments('//', headerNote('node', parts)),
    "const { AuthenticationClient } = require('authing-node-sdk')",
    '',
    'const client = new AuthenticationClient({',
    `  appId: ${literal(parts.appId)},`,
    `  appHost: ${literal(parts.appHost)},`,
    "  // send-sms needs no app secret; without one the SDK wants tokenEndPointAuthMethod 'none'.",
    "  tokenEndPointAuthMethod: 'none',",
    ...(parts.hasAccessToken ? [`  accessToken: process.env.${ACCESS_TOKEN_VARIABLE},`] : []),
    '})',
    '',
    'client',
    '  .sendSms({',
    `    channel: ${literal(parts.channel)},`,
    `    phoneNumber: ${literal(parts.phoneNumber)},`,
    ...(parts.phoneCountryCode ? [`    phoneCountryCode: ${literal(parts.phoneCountryCode)},`] : []),
    '  })',
    '  .then((answer) => console.log(JSON.stringify(answer)))',
    '',
  ].join('\n')
}

/** `AuthenticationClient.sendSms` of authing-java-sdk (Maven cn.authing:authing-java-sdk). */
function java(parts: RequestParts): string {
  return [
    '// Maven: cn.authing:authing-java-sdk',
    ...comments('//', headerNote('java', parts)),
    'import cn.authing.sdk.java.client.AuthenticationClient;',
    'import cn.authing.sdk.java.dto.SendSMSDto;',
    'import cn.authing.sdk.java.dto.SendSMSRespDto;',
    'import cn.authing.sdk.java.model.AuthenticationClientOptions;',
    'import cn.authing.sdk.java.util.JsonUtils;',
    '',
    'public class SendSms {',
    '    public static void main(String[] args) throws Throwable {',
    '        AuthenticationClientOptions options = new AuthenticationClientOptions();',
    `        options.setAppId(${literal(parts.appId)});`,
    `        options.setAppHost(${literal(parts.appHost)});`,
    ...(parts.hasAccessToken
      ? [
          '        // The Java SDK sends the token as "Bearer <token>"; the console sent it as given.',
          `        options.setAccessToken(System.getenv(${literal(ACCESS_TOKEN_VARIABLE)}));`,
        ]
      : []),
    '        AuthenticationClient client = new AuthenticationClient(options);',
    '',
    '        SendSMSDto request = new SendSMSDto();',
    `        request.setChannel(${javaChannel(parts.channel)});`,
    `        request.setPhoneNumber(${literal(parts.phoneNumber)});`,
    ...(parts.phoneCountryCode ? [`        request.setPhoneCountryCode(${literal(parts.phoneCountryCode)});`] : []),
    '        SendSMSRespDto response = client.sendSms(request);',
    '        System.out.println(JsonUtils.serialize(response));',
    '    }',
    '}',
    '',
  ].join('\n')
}

/** The enum constant for a known channel; anything else goes through valueOf, so it stays a string. */
function javaChannel(channel: string): string {
  return SmsChannel.safeParse(channel).success
    ? `SendSMSDto.Channel.${channel}`
    : `SendSMSDto.Channel.valueOf(${literal(channel)})`
}

/** `AuthenticationClient.send_sms` of the authing Python SDK (PyPI authing). */
function python(parts: RequestParts): string {
  return [
    '# pip install authing',
    ...comments('#', headerNote('python', parts)),
    'import os',
    '',
    'from authing.AuthenticationClient import AuthenticationClient',
    '',
    'client = AuthenticationClient(',
    `    app_id=${literal(parts.appId)},`,
    `    app_host=${literal(parts.appHost)},`,
    ...(parts.lang ? [`    lang=${literal(parts.lang)},`] : []),
    ')',
    ...(parts.hasAccessToken ? [`client.set_access_token(os.environ[${literal(ACCESS_TOKEN_VARIABLE)}])`] : []),
    'print(',
    '    client.send_sms(',
    `        channel=${literal(parts.channel)},`,
    `        phone_number=${literal(parts.phoneNumber)},`,
    ...(parts.phoneCountryCode ? [`        phone_country_code=${literal(parts.phoneCountryCode)},`] : []),
    '    )',
    ')',
    '',
  ].join('\n')
}

/** `AuthenticationClient.SendSms` of authing-golang-sdk. */
function go(parts: RequestParts): string {
  return [
    '// go get github.com/Authing/authing-golang-sdk',
    ...comments('//', headerNote('go', parts)),
    'package main',
    '',
    'import (',
    '\t"fmt"',
    '\t"os"',
    '',
    '\t"github.com/Authing/authing-golang-sdk/authentication"',
    '\t"github.com/Authing/authing-golang-sdk/dto"',
    ')',
    '',
    'func main() {',
    '\tclient, err := authentication.NewAuthenticationClient(&authentication.AuthenticationClientOptions{',
    `\t\tAppId:   ${literal(parts.appId)},`,
    `\t\tAppHost: ${literal(parts.appHost)},`,
    '\t\t// The constructor requires both; send-sms uses neither.',
    '\t\tAppSecret:   os.Getenv("GENAUTH_APP_SECRET"),',
    '\t\tRedirectUri: "http://localhost/callback",',
    ...(parts.hasAccessToken ? [`\t\tAccessToken: os.Getenv(${literal(ACCESS_TOKEN_VARIABLE)}),`] : []),
    '\t})',
    '\tif err != nil {',
    '\t\tpanic(err)',
    '\t}',
    '\tanswer := client.SendSms(&dto.SendSMSDto{',
    `\t\tChannel:     ${literal(parts.channel)},`,
    `\t\tPhoneNumber: ${literal(parts.phoneNumber)},`,
    ...(parts.phoneCountryCode ? [`\t\tPhoneCountryCode: ${literal(parts.phoneCountryCode)},`] : []),
    '\t})',
    '\tfmt.Printf("%+v\\n", answer)',
    '}',
    '',
  ].join('\n')
}

export const SDK_SNIPPETS: Record<SdkName, (parts: RequestParts) => string> = { node, java, python, go }
