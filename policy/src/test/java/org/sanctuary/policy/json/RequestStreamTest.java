package org.sanctuary.policy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanctuary.policy.InputException;

class RequestStreamTest {
  private static final String R = "{\"received\":\"2019-07-15\",\"receivingAgency\":\"CPD\",\"requester\":\"ICE\","
      + "\"kind\":\"DETAINER\",\"basis\":\"NONE\",\"purpose\":\"CIVIL_IMMIGRATION\"}";

  private static List<JsonNode> all(String text) {
    List<JsonNode> out = new ArrayList<>();
    try (RequestStream.Items items = RequestStream.items(new StringReader(text))) {
      for (JsonNode n = items.next(); n != null; n = items.next()) out.add(n);
    }
    return out;
  }

  @Test
  void items_oneObjectPerLine_orAnArray_inOrder() {
    assertThat(all(R + "\n" + R.replace("ICE", "FBI") + "\n")).extracting(n -> n.get("requester").asText())
        .containsExactly("ICE", "FBI");
    try (RequestStream.Items items = RequestStream.items(new StringReader("[" + R + "," + R + "]"))) {
      assertThat(items.next()).isNotNull();
      assertThat(items.array()).isTrue();
      assertThat(items.next()).isNotNull();
      assertThat(items.next()).isNull();
      assertThat(items.next()).isNull();
    }
  }

  @Test
  void items_malformedOnTheThirdLine_refusedWithLineAndColumn() {
    List<JsonNode> seen = new ArrayList<>();
    RequestStream.Items items = RequestStream.items(new StringReader(R + "\n" + R + "\n{\"kind\" \"x\"}\n" + R));
    seen.add(items.next());
    seen.add(items.next());
    assertThatThrownBy(items::next).isInstanceOf(InputException.class)
        .hasMessageStartingWith("malformed JSON at line 3, column 9: ")
        .satisfies(e -> assertThat(((InputException) e).field()).isEqualTo("body"));
    assertThat(items.next()).isNull();
    assertThat(seen).hasSize(2);
  }

  @Test
  void items_leaveTheReaderOpen_evenAfterItsEnd() throws IOException {
    StringReader reader = new StringReader(R + "\n{\"kind\":");
    RequestStream.Items items = RequestStream.items(reader);
    items.next();
    assertThatThrownBy(items::next).isInstanceOf(InputException.class);
    assertThat(reader.read()).isEqualTo(-1); // still open: the rest can be read (here: nothing)
    items.close();
    assertThat(reader.read()).isEqualTo(-1);
  }

  @Test
  void items_unreadableInput_isAnUncheckedIOException() {
    Reader failing = new Reader() {
      @Override
      public int read(char[] buf, int off, int len) throws IOException {
        throw new IOException("disk gone");
      }

      @Override
      public void close() {}
    };
    RequestStream.Items items = RequestStream.items(failing);
    assertThatThrownBy(items::next).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk gone");
  }

  @Test
  void read_refusals_sameWordsAsBefore() {
    assertThatThrownBy(() -> RequestStream.read("")).hasMessage(
        "no request given (want a JSON object, an array, or one object per line)");
    assertThatThrownBy(() -> RequestStream.read("[" + R + "] x")).hasMessageStartingWith("malformed JSON at line 1");
    assertThatThrownBy(() -> RequestStream.read("[" + R + "] {}")).hasMessage("unexpected text after the JSON array");
    assertThatThrownBy(() -> RequestStream.read("[" + R + "," + R.replace("DETAINER", "HOLD") + "]"))
        .hasMessageStartingWith("request 2: kind: \"HOLD\" is not one of");
    assertThatThrownBy(() -> RequestStream.read("[" + R.replace("DETAINER", "HOLD") + "]"))
        .hasMessageStartingWith("request 1: kind:");
    assertThatThrownBy(() -> RequestStream.read(R.replace("DETAINER", "HOLD"))).hasMessageStartingWith("kind:");
    assertThat(RequestStream.read(R).single()).isTrue();
    assertThat(RequestStream.read("[" + R + "]").single()).isFalse();
  }

  @Test
  void numbered_loneObjectUnnumbered_otherwiseNumbered() {
    InputException e = new InputException("kind", "kind: bad");
    assertThat(RequestStream.numbered(e, 1, 1, false)).isSameAs(e);
    assertThat(RequestStream.numbered(e, 1, 1, true).getMessage()).isEqualTo("request 1: kind: bad");
    assertThat(RequestStream.numbered(e, 7, 9, false).getMessage()).isEqualTo("request 7: kind: bad");
    assertThat(RequestStream.numbered(e, 7, 9, false).field()).isEqualTo("kind");
  }
}
