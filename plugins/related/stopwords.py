"""Vietnamese function words that say nothing about what an article is about.

Only grammatical words are listed: conjunctions, prepositions, particles, pronouns,
classifiers, modal and time adverbs. A syllable that also starts or ends common content
words is left out even when it is mostly grammatical ("chỉ" as in "chỉ đạo", "từ" as in
"từ thiện", "không" as in "không gian", "chính" as in "hành chính"), because removing it
would also remove those words' syllable pairs. Words that are frequent in this site's news
but still carry meaning ("thi đua", "tỉnh", "huyện") are left to the IDF weighting, which
lowers them according to the data instead of a guess made here.
"""

_WORDS = (
    "à ạ ấy ai bấy bị bởi cái càng các cho chiếc chứ chưa chẳng chăng có còn của cùng cũng dù "
    "đã đang đây để đến đều đó được gì hay hoặc hơn khác khi khiến là lại luôn lúc mà mãi "
    "mình mỗi một mấy này nào nên nếu ngay nhau nhằm nhé nhỉ nhiều nhưng những nữa ở phải "
    "rằng rất rồi sau sẽ tại thì theo thêm tới trên trong trước tuy từng và vào vẫn vậy về vì "
    "với vừa xong "
)

STOP_WORDS = frozenset(_WORDS.split())
