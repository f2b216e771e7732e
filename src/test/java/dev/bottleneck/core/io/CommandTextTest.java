package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTextTest {

    @Test
    void plainArgumentsAreRecordedAsGiven() {
        assertEquals("java -jar target/bottleneck.jar train --dataset moons --hidden 16,8 --lr 1e-3",
                CommandText.record(List.of("train", "--dataset", "moons", "--hidden", "16,8", "--lr", "1e-3")));
    }

    @Test
    void quotedArgumentsSplitBackToTheSameWords() {
        List<String> args = List.of("train", "--dataset", "my data/it's.csv", "", "a\"b", "$HOME", "back\\slash");
        List<String> words = CommandText.split(CommandText.record(args));
        assertEquals(args, words.subList(3, words.size()));
    }

    @Test
    void splitReadsDoubleQuotesAndBackslashes() {
        assertEquals(List.of("a b", "c\"d", "e f", "g"), CommandText.split("  \"a b\" \"c\\\"d\" e\\ f\tg "));
    }

    @Test
    void unterminatedQuoteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CommandText.split("train --dataset 'oops"));
    }
}
