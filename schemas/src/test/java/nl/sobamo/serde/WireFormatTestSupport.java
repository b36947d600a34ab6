package nl.sobamo.serde;

import java.nio.ByteBuffer;

/** Reads the Confluent header independently of the production code, so tests do not verify it against itself. */
final class WireFormatTestSupport {

    private WireFormatTestSupport() {
    }

    static int schemaIdOf(byte[] framed) {
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }
}
