// Which webhook URLs an endpoint may have, judged on the text alone: https,
// or http only where private addresses are allowed (a receiver on the same
// machine or network); no credentials in it. Where the name RESOLVES is the
// sender adapter's check, at create and again at every send.
import { ConveneError } from "../errors.js";

export function checkWebhookUrl(text: string, allowPrivateUrls: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConveneError("WEBHOOK_URL_INVALID", `"${text}" is not a URL.`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowPrivateUrls)) {
    throw new ConveneError("WEBHOOK_URL_INVALID", "A webhook URL must use https (http is allowed only with WEBHOOKS_ALLOW_PRIVATE_URLS=true).");
  }
  if (url.username || url.password) throw new ConveneError("WEBHOOK_URL_INVALID", "A webhook URL may not carry credentials; verify the signature instead.");
  if (url.hash) throw new ConveneError("WEBHOOK_URL_INVALID", "A webhook URL may not have a #fragment.");
  return url;
}
