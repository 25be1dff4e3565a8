import { fitTemplateData, truncateGraphemes } from '../fit-template-data';

describe('truncateGraphemes', () => {
  it('keeps a value within the limit unchanged, composed', () => {
    expect(truncateGraphemes('Nguyễn Văn An', 30)).toBe('Nguyễn Văn An');
    const decomposed = 'Trần Thị Ngọc Ánh'.normalize('NFD');
    expect(truncateGraphemes(decomposed, 17)).toBe('Trần Thị Ngọc Ánh');
  });

  it('cuts between letters with an ellipsis, never inside a letter with two diacritics', () => {
    // 'ệ' decomposed is e + U+0323 + U+0302: a cut at code units would leave a bare 'e'.
    const name = 'Bệnh viện Đa khoa tỉnh Nghệ An'.normalize('NFD');
    expect(truncateGraphemes(name, 10)).toBe('Bệnh viện…');
    expect(truncateGraphemes(name, 8)).toBe('Bệnh vi…');
    expect([...truncateGraphemes(name, 8)]).toHaveLength(8);
  });

  it('drops a space left before the ellipsis', () => {
    expect(truncateGraphemes('Ủy ban nhân dân xã Thanh Thái', 8)).toBe('Ủy ban…');
  });
});

describe('fitTemplateData', () => {
  it('shortens declared parameters to their limits and passes others unchanged', () => {
    const fitted = fitTemplateData(
      { customer_name: 'Công ty TNHH Thương mại & Dịch vụ Hoàng Long', dossier_code: '000.00.20.H56-240315-0001', note: 'x'.repeat(40) },
      { customer_name: 30, dossier_code: 30 },
    );
    expect(fitted).toEqual({ customer_name: 'Công ty TNHH Thương mại & Dịc…', dossier_code: '000.00.20.H56-240315-0001', note: 'x'.repeat(40) });
    expect([...fitted.customer_name!]).toHaveLength(30);
  });
});
