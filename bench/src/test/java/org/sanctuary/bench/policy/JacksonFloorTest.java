package org.sanctuary.bench.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanctuary.cli.DecideCommand;
import picocli.CommandLine;

/** The floor must write exactly what decide prints for the same requests, or it is no floor. */
class JacksonFloorTest {
  @Test
  void floor_writesTheBytesDecidePrints(@TempDir Path dir) throws Exception {
    ReplayRequests.write(dir, 3_000, ReplayRequests.SEED, Fixtures.ENGINE);
    ByteArrayOutputStream floor = new ByteArrayOutputStream();
    JacksonFloor.write(dir, floor);

    StringWriter out = new StringWriter();
    int status = new CommandLine(new DecideCommand()).setOut(new PrintWriter(out, true))
        .execute(dir.resolve(ReplayRequests.REQUESTS).toString());
    assertThat(status).isZero();
    assertThat(out.toString().lines()).hasSize(3_000);
    assertThat(floor.toString(StandardCharsets.UTF_8)).isEqualTo(out.toString());
  }

  @Test
  void requests_aYearOfThem_sameForTheSameSeed(@TempDir Path dir) throws Exception {
    Path a = Files.createDirectory(dir.resolve("a"));
    Path b = Files.createDirectory(dir.resolve("b"));
    ReplayRequests.write(a, 2_000, 7, Fixtures.ENGINE);
    ReplayRequests.write(b, 2_000, 7, Fixtures.ENGINE);
    String requests = Files.readString(a.resolve(ReplayRequests.REQUESTS));
    assertThat(requests).isEqualTo(Files.readString(b.resolve(ReplayRequests.REQUESTS)));
    assertThat(requests.lines()).hasSize(2_000).allSatisfy(line -> assertThat(line).contains("\"received\":\"2024-"));
    assertThat(requests).contains("\"receivingAgency\":\"CPD\"", "\"receivingAgency\":\"COOK_COUNTY_SHERIFF\"",
        "\"receivingAgency\":\"CITY\"");
    assertThat(Set.of(requests.split("\n"))).hasSize(2_000); // every line its own id
  }
}
