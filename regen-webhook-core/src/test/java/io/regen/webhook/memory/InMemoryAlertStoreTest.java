package io.regen.webhook.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regen.webhook.Alert;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import io.regen.webhook.Severity;
import io.regen.webhook.spi.StoreTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InMemoryAlertStoreTest {

  private static final Instant T = Instant.parse("2026-04-01T00:00:00Z");

  private final InMemoryAlertStore store = new InMemoryAlertStore();

  @Test
  void nestedUnitOfWorkRejected() {
    assertThatThrownBy(() -> store.inTransaction(outer -> store.inTransaction(inner -> 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nested");
  }

  @Test
  void readInsideUnitOfWorkRejected() {
    assertThatThrownBy(() -> store.inTransaction(transaction -> store.findAlert("a")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void transactionUnusableAfterItsUnitOfWork() {
    AtomicReference<StoreTransaction> leaked = new AtomicReference<>();
    store.inTransaction(
        transaction -> {
          leaked.set(transaction);
          return null;
        });

    assertThatThrownBy(() -> leaked.get().findOpenAlert("a"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unsortedLocksRejected() {
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    t -> {
                      t.lockKeys(List.of("b", "a"));
                      return null;
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    t -> {
                      t.lockGroups(List.of("g", "g"));
                      return null;
                    }))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secondOpenIncidentOfGroupRejected() {
    store.inTransaction(
        t -> {
          t.insertIncident(incident("i1", "g"));
          return null;
        });

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    t -> {
                      t.insertIncident(incident("i2", "g"));
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.findIncident("i2")).isEmpty();
  }

  @Test
  void lastResolvedBreaksTiesById() {
    store.inTransaction(
        t -> {
          t.insertIncident(incident("i", null));
          t.insertAlert(alert("second", "k", T));
          t.insertAlert(alert("first", "k", T));
          return null;
        });

    Optional<Alert> last = store.inTransaction(t -> t.findLastResolvedAlert("k"));

    assertThat(last.map(Alert::id)).contains("second");
  }

  @Test
  void rollbackRestoresLastResolved() {
    store.inTransaction(
        t -> {
          t.insertIncident(incident("i", null));
          t.insertAlert(alert("first", "k", T));
          t.insertAlert(alert("second", "k", T));
          return null;
        });
    Alert second = store.findAlert("second").orElseThrow();

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    t -> {
                      t.updateAlert(reopened(second));
                      assertThat(t.findLastResolvedAlert("k").map(Alert::id)).contains("first");
                      throw new IllegalStateException("injected failure");
                    }))
        .hasMessage("injected failure");

    Optional<Alert> last = store.inTransaction(t -> t.findLastResolvedAlert("k"));
    assertThat(last.map(Alert::id)).contains("second");
    assertThat(store.findOpenAlert("k")).isEmpty();
  }

  @Test
  void purgeRunsInBatches() {
    int count = InMemoryAlertStore.PURGE_BATCH * 2 + 500;
    store.inTransaction(
        t -> {
          for (int i = 0; i < count; i++) {
            t.rememberResolve("key-" + i, T);
          }
          return null;
        });

    assertThat(store.purgeRememberedResolves(T.plusSeconds(1))).isEqualTo(count);
    assertThat(store.purgeRememberedResolves(T.plusSeconds(1))).isZero();
  }

  @Test
  void concurrentReaderSeesCommittedStateOnly() throws Exception {
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch readerStarted = new CountDownLatch(1);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () ->
                assertThatThrownBy(
                        () ->
                            store.inTransaction(
                                t -> {
                                  t.insertIncident(incident("i", null));
                                  written.countDown();
                                  awaitQuietly(readerStarted);
                                  throw new IllegalStateException("injected failure");
                                }))
                    .hasMessage("injected failure"));
    written.await(10, TimeUnit.SECONDS);
    CompletableFuture<Optional<Incident>> reader =
        CompletableFuture.supplyAsync(
            () -> {
              readerStarted.countDown();
              return store.findIncident("i");
            });

    writer.get(10, TimeUnit.SECONDS);
    assertThat(reader.get(10, TimeUnit.SECONDS)).isEmpty();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Incident incident(String id, String group) {
    return new Incident(id, group, IncidentState.ACTIVE, T, null, null);
  }

  private static Alert alert(String id, String key, Instant resolvedAt) {
    return new Alert(
        id,
        key,
        key,
        "Title",
        null,
        Severity.INFO,
        AlertStatus.RESOLVED,
        null,
        Map.of(),
        "{}",
        T,
        resolvedAt,
        resolvedAt,
        1,
        0,
        "i");
  }

  private static Alert reopened(Alert alert) {
    return new Alert(
        alert.id(),
        alert.dedupKey(),
        alert.externalId(),
        alert.title(),
        null,
        alert.severity(),
        AlertStatus.FIRING,
        null,
        Map.of(),
        "{}",
        alert.startedAt(),
        T,
        null,
        2,
        1,
        "i");
  }
}
