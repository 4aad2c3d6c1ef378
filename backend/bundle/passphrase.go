package bundle

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"unicode/utf8"

	"filippo.io/age"
)

// PassphraseWords is the number of words GeneratePassphrase picks. With 256
// words to choose from, each adds 8 bits, so a passphrase has 80 bits.
const PassphraseWords = 10

// MinPassphraseLength is the shortest passphrase a person may choose.
const MinPassphraseLength = 16

// passphraseWordList has 256 distinct, common, easy-to-spell English words.
var passphraseWordList = [...]string{
	"acid", "acorn", "actor", "adapt", "agent", "alarm", "album", "alert",
	"alien", "alley", "alloy", "amber", "ample", "angle", "ankle", "apple",
	"april", "apron", "arena", "armor", "arrow", "artist", "aspen", "atlas",
	"attic", "audio", "autumn", "avenue", "award", "bacon", "badge", "bagel",
	"baker", "bamboo", "banjo", "barrel", "basil", "basin", "batch", "beach",
	"beacon", "beard", "beaver", "bench", "berry", "bike", "birch", "bison",
	"blade", "blanket", "blaze", "blimp", "bloom", "board", "bonus", "boots",
	"bottle", "boulder", "bramble", "brass", "bread", "brick", "bridge",
	"brook", "brush", "bubble", "bucket", "buffalo", "bugle", "cabin",
	"cactus", "camel", "candle", "canoe", "canyon", "carbon", "cargo",
	"carpet", "carrot", "castle", "cedar", "cellar", "chalk", "charm",
	"cherry", "chess", "chimney", "cider", "cinema", "circus", "citrus",
	"clay", "cliff", "cloud", "clover", "coast", "cobalt", "cocoa", "comet",
	"compass", "copper", "coral", "cotton", "cougar", "cradle", "crater",
	"crayon", "cricket", "crystal", "cupboard", "daisy", "dawn", "delta",
	"denim", "desert", "diesel", "dinner", "dolphin", "donkey", "dragon",
	"drum", "eagle", "easel", "echo", "elbow", "ember", "engine", "falcon",
	"feather", "fennel", "ferry", "fiddle", "field", "fig", "flute", "forest",
	"fossil", "fountain", "fox", "galaxy", "garden", "garlic", "gecko",
	"ginger", "glacier", "glove", "goose", "granite", "grape", "gravel",
	"guitar", "hammer", "harbor", "harvest", "hazel", "helmet", "heron",
	"hiking", "honey", "horizon", "island", "ivory", "jacket", "jaguar",
	"jasmine", "jelly", "jungle", "kayak", "kettle", "kiwi", "ladder",
	"lagoon", "lantern", "lemon", "lentil", "lily", "linen", "lizard",
	"lobster", "locket", "lotus", "magnet", "mango", "maple", "marble",
	"meadow", "melon", "meteor", "mint", "mirror", "mitten", "modem",
	"monkey", "mosaic", "mountain", "muffin", "mustard", "napkin", "nectar",
	"needle", "nickel", "noodle", "nutmeg", "oasis", "ocean", "olive",
	"onion", "orange", "orbit", "orchid", "otter", "oyster", "paddle",
	"panda", "paper", "parrot", "pasta", "peach", "peanut", "pebble",
	"pencil", "pepper", "piano", "pickle", "pillow", "pilot", "pine",
	"planet", "plum", "pocket", "pony", "poppy", "potato", "prairie",
	"pumpkin", "puzzle", "quartz", "quill", "rabbit", "radio", "raisin",
	"raven", "ribbon", "river", "robin", "rocket", "saddle", "salmon",
	"sandal", "satin", "scarf", "shadow", "shell", "silver", "sketch",
	"sloth",
}

// GeneratePassphrase returns PassphraseWords words from crypto/rand,
// separated by dashes.
func GeneratePassphrase() (string, error) {
	words := make([]string, PassphraseWords)
	limit := big.NewInt(int64(len(passphraseWordList)))
	for i := range words {
		n, err := rand.Int(rand.Reader, limit)
		if err != nil {
			return "", fmt.Errorf("generate passphrase: %w", err)
		}
		words[i] = passphraseWordList[n.Int64()]
	}
	return strings.Join(words, "-"), nil
}

// CheckPassphrase rejects a passphrase too short to resist guessing.
func CheckPassphrase(passphrase string) error {
	if strings.TrimSpace(passphrase) != passphrase {
		return errors.New("the passphrase starts or ends with white space, so copy it again without it")
	}
	if utf8.RuneCountInString(passphrase) < MinPassphraseLength {
		return fmt.Errorf("the passphrase is shorter than %d characters, so choose a longer one or let the app generate one", MinPassphraseLength)
	}
	return nil
}

// PassphraseRecipient seals a bundle to a passphrase with age's scrypt
// recipient. age allows no other recipient beside it.
func PassphraseRecipient(passphrase string) (age.Recipient, error) {
	if err := CheckPassphrase(passphrase); err != nil {
		return nil, err
	}
	return age.NewScryptRecipient(passphrase)
}

// PassphraseIdentity opens a bundle sealed with PassphraseRecipient.
func PassphraseIdentity(passphrase string) (age.Identity, error) {
	if passphrase == "" {
		return nil, errors.New("the passphrase is empty")
	}
	return age.NewScryptIdentity(passphrase)
}
