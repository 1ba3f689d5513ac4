package org.sanctuary.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sanctuary.policy.Decision;
import org.sanctuary.policy.Verdict;

/**
 * The decisions of one input, held until all are made, in a few growing arrays instead of millions
 * of small objects, which the garbage collector would copy again and again while the input is
 * read. A decision is its request's id, its date and an answer (the requester and the verdict)
 * that many decisions share: the ids' characters go into one array, the dates and answer numbers
 * into two more.
 */
final class HeldDecisions {
  private static final int NO_ID = -1;

  /** An answer, told apart by identity: the engine shares verdicts, the registry its ids. */
  private record Answer(String requester, Verdict verdict) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Answer a && a.requester == requester && a.verdict == verdict;
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(verdict) + System.identityHashCode(requester);
    }
  }

  private final List<Answer> answers = new ArrayList<>();
  private final Map<Answer, Integer> answerNumbers = new HashMap<>();
  private char[] idChars = new char[1 << 16];
  private int idLength;
  private int[] idStarts = new int[1 << 12]; // NO_ID when the request had none; the next start ends it
  private int[] days = new int[1 << 12];
  private int[] answerOf = new int[1 << 12];
  private int size;

  void add(Decision d) {
    if (size == days.length) {
      int grown = size * 2;
      idStarts = Arrays.copyOf(idStarts, grown);
      days = Arrays.copyOf(days, grown);
      answerOf = Arrays.copyOf(answerOf, grown);
    }
    String id = d.requestId();
    if (id == null) {
      idStarts[size] = NO_ID;
    } else {
      if (idLength + id.length() > idChars.length) {
        idChars = Arrays.copyOf(idChars, Math.max(idChars.length * 2, idLength + id.length()));
      }
      id.getChars(0, id.length(), idChars, idLength);
      idStarts[size] = idLength;
      idLength += id.length();
    }
    days[size] = Math.toIntExact(d.asOf().toEpochDay());
    answerOf[size] = answerNumber(new Answer(d.requester(), d.verdict()));
    size++;
  }

  int size() {
    return size;
  }

  /** Decision {@code i} (from 0), equal to the one added. */
  Decision get(int i) {
    Answer a = answers.get(answerOf[i]);
    String id = idStarts[i] == NO_ID ? null : new String(idChars, idStarts[i], idEnd(i) - idStarts[i]);
    return new Decision(id, LocalDate.ofEpochDay(days[i]), a.requester(), a.verdict());
  }

  private int idEnd(int i) {
    for (int next = i + 1; next < size; next++) {
      if (idStarts[next] != NO_ID) return idStarts[next];
    }
    return idLength;
  }

  private int answerNumber(Answer a) {
    Integer n = answerNumbers.get(a);
    if (n == null) {
      n = answers.size();
      answers.add(a);
      answerNumbers.put(a, n);
    }
    return n;
  }
}
