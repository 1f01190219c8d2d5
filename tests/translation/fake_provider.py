"""A fake machine translation service on 127.0.0.1 that speaks DeepL's, Google's
(Cloud Translation v2), LibreTranslate's and the OpenAI-compatible chat-completions
JSON (a language model), chosen by the request path.

It "translates" a text by prefixing it with the target language (`[KO] <b>Hi</b>`),
so markup is kept and every answer can be traced to its request. From its
`fail_from`-th request on (1 = every request) it can instead hang, answer an HTTP
error, answer something that is not JSON, or leave a translation out.
"""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class ProviderRequest:
    path: str
    headers: dict
    body: dict


def fake_translation(text: str, target: str) -> str:
    return f"[{target}] {text}"


def texts_and_target(path: str, body: dict) -> tuple[list[str], str]:
    if path.endswith("/chat/completions"):  # a language model
        return json.loads(body["messages"][-1]["content"])["texts"], "LLM"
    if path.endswith("/v2/translate") and "text" in body:  # DeepL
        return body["text"], body["target_lang"]
    return body["q"], body["target"]  # Google, LibreTranslate


def chat_answer(content: str, finish_reason: str = "stop") -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {"role": "assistant", "content": content},
            }
        ],
    }


def answer(path: str, translations: list[str]) -> dict:
    if path.endswith("/chat/completions"):
        return chat_answer(
            json.dumps({"translations": translations}, ensure_ascii=False)
        )
    if path.endswith("/v2/translate"):
        return {"translations": [{"text": text} for text in translations]}
    if path.endswith("/language/translate/v2"):
        return {"data": {"translations": [{"translatedText": t} for t in translations]}}
    return {"translatedText": translations}


@dataclass
class FakeProvider:
    # ok | hang | status | malformed | short; a language model also: refusal | cut
    # (finish_reason length) | prose (content that is not JSON) | broken_markup
    mode: str = "ok"
    status: int = 500
    fail_from: int = 1
    hang_seconds: float = 5.0
    requests: list[ProviderRequest] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None
    released: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def texts_received(self) -> list[str]:
        return [
            text
            for request in self.requests
            if "/glossaries" not in request.path
            for text in texts_and_target(request.path, request.body)[0]
        ]

    def start(self) -> "FakeProvider":
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                provider.requests.append(
                    ProviderRequest(self.path, dict(self.headers), body)
                )
                misbehave = len(provider.requests) >= provider.fail_from
                mode = provider.mode if misbehave else "ok"
                if self.path.endswith("/v2/glossaries") and mode in ("ok", "status"):
                    if mode == "status":
                        error = {"message": "Refused by the fake"}
                        return self.reply(provider.status, json.dumps(error))
                    glossary = {
                        "glossary_id": f"g{len(provider.requests)}",
                        "ready": True,
                    }
                    return self.reply(201, json.dumps(glossary))
                if mode == "hang":
                    provider.released.wait(provider.hang_seconds)
                    return self.reply(200, b"{}")
                if mode == "status":
                    error = {"message": "Refused by the fake", "error": "Refused"}
                    return self.reply(provider.status, json.dumps(error).encode())
                if mode == "malformed":
                    return self.reply(200, b"<html>Gateway says hello", "text/html")
                texts, target = texts_and_target(self.path, body)
                translations = [fake_translation(text, target) for text in texts]
                if mode == "short":
                    translations = translations[:-1]
                if mode == "refusal":
                    return self.reply(
                        200, json.dumps(chat_answer("", "content_filter"))
                    )
                if mode == "cut":
                    return self.reply(
                        200, json.dumps(chat_answer('{"transl', "length"))
                    )
                if mode == "prose":
                    reply = chat_answer("Here are your translations: ...")
                    return self.reply(200, json.dumps(reply))
                if mode == "broken_markup":  # the model loses a placeholder
                    translations = [text.replace("⟦1⟧", "") for text in translations]
                return self.reply(200, json.dumps(answer(self.path, translations)))

            def do_DELETE(self):  # noqa: N802 (DeepL glossaries)
                provider.requests.append(
                    ProviderRequest(self.path, dict(self.headers), {})
                )
                self.send_response(204)
                self.end_headers()

            def reply(self, status, content, content_type="application/json"):
                if isinstance(content, str):
                    content = content.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(content)))
                    self.end_headers()
                    self.wfile.write(content)
                except OSError:
                    pass  # the client gave up waiting (the timeout tests)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
