package dev.rowguard.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineBlocksTest {

  @TempDir Path dir;

  @Test
  void findsTheFirstNewlineLikeAPlainLoop() {
    Random random = new Random(42);
    for (int round = 0; round < 2000; round++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        int pick = random.nextInt(6);
        b[i] =
            (byte)
                (pick == 0
                    ? '\n'
                    : pick == 1 ? 0x0B : pick == 2 ? 0x8A : pick == 3 ? 0 : random.nextInt(256));
      }
      int from = b.length == 0 ? 0 : random.nextInt(b.length);
      int expected = -1;
      for (int i = from; i < b.length; i++) {
        if (b[i] == '\n') {
          expected = i;
          break;
        }
      }
      assertThat(LineBlocks.indexOfNewline(b, from, b.length)).isEqualTo(expected);
    }
  }

  @Test
  void blocksHoldWholeLinesAndTheLastMayBeTorn() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 120_000; i++) {
      text.append("line ").append(i).append(' ').append("x".repeat(i % 97)).append('\n');
    }
    text.append("torn");
    Path file = Files.writeString(dir.resolve("f"), text);
    List<Integer> blockSizes = new ArrayList<>();
    StringBuilder joined = new StringBuilder();
    LineBlocks.read(
        file,
        (data, length) -> {
          blockSizes.add(length);
          String block = new String(data, 0, length, StandardCharsets.UTF_8);
          joined.append(block);
          if (joined.length() < text.length()) {
            assertThat(block).endsWith("\n");
          }
        });
    assertThat(blockSizes).hasSizeGreaterThan(1);
    assertThat(joined.toString()).isEqualTo(text.toString());
    assertThat(joined.toString()).endsWith("\ntorn");
  }
}
