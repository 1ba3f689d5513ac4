package org.sanctuary.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
  private static List<CsvReader.Record> read(String text) throws Exception {
    CsvReader r = new CsvReader(new StringReader(text));
    List<CsvReader.Record> out = new ArrayList<>();
    CsvReader.Record rec;
    while ((rec = r.next()) != null) out.add(rec);
    return out;
  }

  @Test
  void next_quotedFieldsWithCommasQuotesAndLineBreaks_areOneFieldAndLinesCountFromTheirStart() throws Exception {
    List<CsvReader.Record> rs = read("\uFEFFa,b\r\n\"x, \"\"y\"\"\",\"two\nlines\"\r\n\r\nlast,\n");
    assertThat(rs).hasSize(3);
    assertThat(rs.get(0).fields()).containsExactly("a", "b");
    assertThat(rs.get(1).fields()).containsExactly("x, \"y\"", "two\nlines");
    assertThat(rs.get(1).line()).isEqualTo(2);
    assertThat(rs.get(2).line()).isEqualTo(5);
    assertThat(rs.get(2).fields()).containsExactly("last", "");
  }

  @Test
  void next_brokenQuoting_isRefusedNamingItsLine() {
    assertThatThrownBy(() -> read("a,b\nx,\"open\n")).isInstanceOf(CsvReader.Malformed.class)
        .hasMessageContaining("not closed");
    assertThatThrownBy(() -> read("a,b\nx,y\"z\n")).isInstanceOf(CsvReader.Malformed.class)
        .satisfies(e -> assertThat(((CsvReader.Malformed) e).line).isEqualTo(2));
    assertThatThrownBy(() -> read("\"a\"b\n")).isInstanceOf(CsvReader.Malformed.class)
        .hasMessageContaining("followed by 'b'");
  }

  @Test
  void next_whatTheReportWriterQuotes_readsBackUnchanged_seeded() throws Exception {
    Random random = new Random(20261202L);
    String alphabet = "ab ,\"\n\r;'=x1";
    for (int round = 0; round < 500; round++) {
      int n = 1 + random.nextInt(5);
      List<String> fields = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < n; i++) {
        StringBuilder f = new StringBuilder("k");
        int len = random.nextInt(8);
        for (int j = 0; j < len; j++) f.append(alphabet.charAt(random.nextInt(alphabet.length())));
        fields.add(f.toString());
        if (i > 0) line.append(',');
        line.append(ReportFormats.field(f.toString()));
      }
      List<CsvReader.Record> rs = read(line + "\r\n");
      assertThat(rs).as("round %d: %s", round, line).hasSize(1);
      assertThat(rs.get(0).fields()).as("round %d", round).isEqualTo(fields);
    }
  }
}
