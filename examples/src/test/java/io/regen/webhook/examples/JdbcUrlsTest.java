package io.regen.webhook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jdbc:h2:file:./regen-data/regen-webhook | jdbc:h2:file:./regen-data/regen-webhook",
        "jdbc:postgresql://db:5432/regen?user=regen&password=s3cret&ssl=true"
            + " | jdbc:postgresql://db:5432/regen?user=regen&password=***&ssl=true",
        "jdbc:postgresql://db/regen?PASSWORD=s3cret | jdbc:postgresql://db/regen?PASSWORD=***",
        "jdbc:mariadb://regen:s3cret@db:3306/regen | jdbc:mariadb://regen:***@db:3306/regen",
        "jdbc:mariadb://db/regen?user=a&pwd=s3cret | jdbc:mariadb://db/regen?user=a&pwd=***",
        "jdbc:h2:file:/tmp/db;USER=sa;PASSWORD=s3cret | jdbc:h2:file:/tmp/db;USER=sa;PASSWORD=***"
      })
  void redactHidesPasswords(String url, String expected) {
    assertThat(JdbcUrls.redact(url)).isEqualTo(expected);
  }

  @Test
  void withoutH2ShutdownHookOnlyChangesH2() {
    assertThat(JdbcUrls.withoutH2ShutdownHook("jdbc:h2:file:./data/db"))
        .isEqualTo("jdbc:h2:file:./data/db;DB_CLOSE_ON_EXIT=FALSE");
    assertThat(JdbcUrls.withoutH2ShutdownHook("jdbc:h2:mem:x;db_close_on_exit=true"))
        .isEqualTo("jdbc:h2:mem:x;db_close_on_exit=true");
    assertThat(JdbcUrls.withoutH2ShutdownHook("jdbc:postgresql://db/regen"))
        .isEqualTo("jdbc:postgresql://db/regen");
  }
}
