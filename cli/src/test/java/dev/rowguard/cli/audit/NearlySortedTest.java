package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link NearlySorted} gives what one heap of all its elements gives, in the same order. */
class NearlySortedTest {

  @Test
  void pollsInTheOrderOfOneHeap() {
    Random random = new Random(13);
    for (int round = 0; round < 50; round++) {
      NearlySorted<Integer> nearly = new NearlySorted<>(Comparator.naturalOrder());
      PriorityQueue<Integer> heap = new PriorityQueue<>();
      List<Integer> a = new ArrayList<>();
      List<Integer> b = new ArrayList<>();
      int t = 0;
      for (int i = 0; i < 2000; i++) {
        // mostly forward, sometimes back a little or a lot (a clock step)
        int r = random.nextInt(100);
        t += r < 80 ? random.nextInt(5) : r < 98 ? -random.nextInt(20) : -random.nextInt(5000);
        nearly.add(t);
        heap.add(t);
        if (random.nextInt(3) > 0) {
          a.add(nearly.poll());
          b.add(heap.poll());
        }
        assertThat(nearly.size()).isEqualTo(heap.size());
      }
      while (heap.size() > 0) {
        a.add(nearly.poll());
        b.add(heap.poll());
      }
      assertThat(nearly.poll()).isNull();
      assertThat(a).isEqualTo(b);
    }
  }
}
