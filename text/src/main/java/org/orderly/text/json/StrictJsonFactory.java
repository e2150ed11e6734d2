package org.orderly.text.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * The strict mapper's JSON factory: every parser it makes, whichever way the text comes (a String, bytes, a stream),
 * refuses a number a double holds as 0 though it is not ({@link TinyNumberRefusal}).
 */
final class StrictJsonFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;
    private final int maxChars;

    /** @param maxChars how much of a refused number and its key is said back */
    StrictJsonFactory(JsonFactoryBuilder builder, int maxChars) {
        super(builder);
        this.maxChars = maxChars;
    }

    private StrictJsonFactory(StrictJsonFactory src, ObjectCodec codec) {
        super(src, codec);
        this.maxChars = src.maxChars;
    }

    @Override
    public JsonFactory copy() {
        return new StrictJsonFactory(this, null);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
        return TinyNumberRefusal.of(super._createParser(in, ctxt), maxChars);
    }

    @Override
    protected JsonParser _createParser(Reader r, IOContext ctxt) throws IOException {
        return TinyNumberRefusal.of(super._createParser(r, ctxt), maxChars);
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable)
            throws IOException {
        return TinyNumberRefusal.of(super._createParser(data, offset, len, ctxt, recyclable), maxChars);
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
        return TinyNumberRefusal.of(super._createParser(data, offset, len, ctxt), maxChars);
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext ctxt) throws IOException {
        return TinyNumberRefusal.of(super._createParser(input, ctxt), maxChars);
    }
}
