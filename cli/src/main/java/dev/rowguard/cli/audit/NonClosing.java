package dev.rowguard.cli.audit;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Standard output for a writer that is closed when the command ends: flushed, never closed. */
final class NonClosing extends FilterOutputStream {

  NonClosing(OutputStream out) {
    super(out);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
