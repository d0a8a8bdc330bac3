import Foundation
import Notifications
import Testing

@Suite struct SignatureTests {
    let body = Data(#"{"event":"distribution.done","text":"Distribution of proposal 7 is done (by anna)"}"#.utf8)

    @Test func aSignatureVerifiesForItsBodyTimestampAndSecretOnly() {
        let signature = WebhookSignature.sign(body: body, timestamp: "1795000000", secret: "s3cret")
        #expect(signature.hasPrefix("sha256=") && signature.count == 7 + 64 && signature == signature.lowercased())
        #expect(WebhookSignature.verify(body: body, timestamp: "1795000000", signature: signature, secret: "s3cret"))
        #expect(WebhookSignature.verify(body: body, timestamp: "1795000000", signature: String(signature.dropFirst(7)),
                                        secret: "s3cret"))
        var tampered = body
        tampered[tampered.count - 3] = UInt8(ascii: "X")
        #expect(!WebhookSignature.verify(body: tampered, timestamp: "1795000000", signature: signature, secret: "s3cret"))
        #expect(!WebhookSignature.verify(body: body, timestamp: "1795000001", signature: signature, secret: "s3cret"))
        #expect(!WebhookSignature.verify(body: body, timestamp: "1795000000", signature: signature, secret: "other"))
        #expect(!WebhookSignature.verify(body: body, timestamp: "1795000000", signature: "sha256=zz", secret: "s3cret"))
    }

    /// The same as `printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$secret"`.
    @Test func theSignatureIsHMACSHA256OverTimestampDotBody() {
        let signature = WebhookSignature.sign(body: Data("{}".utf8), timestamp: "1", secret: "key")
        #expect(signature == "sha256=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224")
    }
}
