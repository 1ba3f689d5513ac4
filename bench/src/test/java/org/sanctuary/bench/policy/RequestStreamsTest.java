package org.sanctuary.bench.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.Body;
import org.sanctuary.policy.FederalRequest;

class RequestStreamsTest {
  @Test
  void requesters_allResolveInTheRegistry() {
    assertThat(Requesters.names()).allSatisfy(n -> assertThat(Fixtures.REGISTRY.resolve(n)).as(n).isPresent());
  }

  @Test
  void mixed_sameSeed_sameRequests() {
    FederalRequest[] a = RequestStreams.mixed(Fixtures.ENGINE, 7, 256);
    FederalRequest[] b = RequestStreams.mixed(Fixtures.ENGINE, 7, 256);
    assertThat(a).containsExactly(b);
  }

  @Test
  void mixed_spansEveryBodyAndTheWholePeriod_andAlwaysHasALaw() {
    FederalRequest[] mixed = RequestStreams.mixed(Fixtures.ENGINE, RequestStreams.SEED, RequestStreams.SIZE);
    assertThat(Arrays.stream(mixed).map(FederalRequest::receivingAgency).collect(Collectors.toSet()))
        .isEqualTo(EnumSet.allOf(Body.class));
    Set<Integer> decades = Arrays.stream(mixed).map(r -> r.received().getYear() / 10).collect(Collectors.toSet());
    assertThat(decades).containsExactlyInAnyOrder(198, 199, 200, 201, 202);
    assertThat(mixed).allSatisfy(r -> assertThat(Fixtures.ENGINE.inForce(r.receivingAgency(), r.received())).isNotEmpty());
  }

  @Test
  void year2022_isAllIn2022_forCpdAndTheSheriff() {
    assertThat(Fixtures.stream2022()).allSatisfy(r -> {
      assertThat(r.received().getYear()).isEqualTo(2022);
      assertThat(r.receivingAgency()).isIn(Body.CPD, Body.COOK_COUNTY_SHERIFF);
    });
  }
}
